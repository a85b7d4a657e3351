using JasperFx.OpenTelemetry;
using Marten;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ProjectLedger.Dashboards;

namespace ProjectLedger.Hosting;

/// <summary>
/// Traces and metrics over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (the standard OTEL_*
/// variables choose protocol, headers, service name and intervals): ASP.NET Core requests, the SQL
/// each one runs (Npgsql), Marten, Wolverine, SignalR hub calls, the runtime, and how far the
/// projections lag behind the event log. Without the variable nothing is collected.
/// </summary>
public static class LedgerTelemetry
{
    /// <summary>The ActivitySources and Meters the libraries name themselves after.</summary>
    private static readonly string[] Sources = ["Wolverine", "Marten", "Microsoft.AspNetCore.SignalR.Server"];
    private static readonly string[] Meters =
    [
        "Wolverine", "Marten", ProjectionLagMeter.MeterName,
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.Routing", "Microsoft.AspNetCore.Diagnostics", "Microsoft.AspNetCore.RateLimiting",
        "Microsoft.AspNetCore.Authentication", "Microsoft.AspNetCore.Authorization", "Microsoft.AspNetCore.SignalR",
    ];

    public static bool IsOn(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    public static WebApplicationBuilder AddLedgerTelemetry(this WebApplicationBuilder builder)
    {
        if (!IsOn(builder.Configuration)) return builder;

        builder.Services.ConfigureMarten(opts =>
        {
            opts.OpenTelemetry.TrackConnections = TrackLevel.Normal;
            opts.OpenTelemetry.TrackEventCounters();
        });
        builder.Services.AddSingleton<ProjectionLagMeter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ProjectionLagMeter>());
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                serviceName: builder.Configuration["OTEL_SERVICE_NAME"] ?? "projectledger",
                serviceVersion: typeof(LedgerTelemetry).Assembly.GetName().Version?.ToString(),
                serviceInstanceId: Environment.MachineName + "-" + Environment.ProcessId))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = context => context.Request.Path != "/health")
                .AddNpgsql()
                .AddSource(Sources)
                .AddOtlpExporter())
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(Meters)
                .AddOtlpExporter());
        return builder;
    }
}
