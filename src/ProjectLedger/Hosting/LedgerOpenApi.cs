using Scalar.AspNetCore;

namespace ProjectLedger.Hosting;

public static class LedgerOpenApi
{
    public static IServiceCollection AddLedgerOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi();
        return services;
    }

    /// <summary>The OpenAPI document and the Scalar UI, in Development and demo mode only.</summary>
    public static void MapLedgerOpenApi(this WebApplication app, LedgerOptions ledger)
    {
        if (!app.Environment.IsDevelopment() && !ledger.DemoMode) return;
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference().AllowAnonymous();
    }
}
