using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.SignalR;
using System.Text.Json.Serialization;

namespace ProjectLedger.Hosting;

/// <summary>Every error a client sees is RFC 9457 problem details; never a stack trace.</summary>
public static class LedgerProblemDetails
{
    public static IServiceCollection AddLedgerProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Instance ??= ctx.HttpContext.Request.Path;
            ctx.ProblemDetails.Extensions["traceId"] = ctx.HttpContext.TraceIdentifier;
        });
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase;
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.MaxDepth = 32;
        });
        // SignalR serialises with options of its own: without this, hub messages carried enums as
        // numbers ("stage": 0) while HTTP answered names ("stage": "Idea").
        services.Configure<JsonHubProtocolOptions>(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        return services;
    }

    public static WebApplication UseLedgerProblemDetails(this WebApplication app)
    {
        app.UseExceptionHandler(error => error.Run(async context =>
        {
            var feature = context.Features.Get<IExceptionHandlerFeature>();
            var (status, title, detail) = Describe(feature?.Error);
            context.Response.StatusCode = status;
            await Results.Problem(title: title, detail: detail, statusCode: status).ExecuteAsync(context);
        }));
        // Bare status codes (401, 403, 404, 405, 415, ...) get a problem-details body too.
        app.UseStatusCodePages();
        return app;
    }

    private static (int Status, string Title, string Detail) Describe(Exception? error) => error switch
    {
        Microsoft.AspNetCore.Http.BadHttpRequestException bad => (bad.StatusCode, "Bad request", bad.Message),
        Npgsql.NpgsqlException or TimeoutException or System.Net.Sockets.SocketException =>
            (503, "Database unavailable", "The ledger database cannot be reached right now. Try again in a moment."),
        _ when error?.InnerException is Npgsql.NpgsqlException =>
            (503, "Database unavailable", "The ledger database cannot be reached right now. Try again in a moment."),
        _ => (500, "Unexpected error", "The request failed unexpectedly. It has been logged; quote the traceId when reporting it."),
    };
}
