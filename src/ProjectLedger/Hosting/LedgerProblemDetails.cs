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
            o.SerializerOptions.Converters.Add(new IsoDateConverter());
            o.SerializerOptions.MaxDepth = 32;
            // {"verdict":"discontinue","verdict":"adopt"} means different things to different parsers: refuse it (400).
            o.SerializerOptions.AllowDuplicateProperties = false;
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
            if (status == 503) context.Response.Headers.RetryAfter = "2";
            await Results.Problem(title: title, detail: detail, statusCode: status).ExecuteAsync(context);
        }));
        // Bare status codes (401, 403, 404, 405, 415, ...) get a problem-details body too.
        app.UseStatusCodePages();
        return app;
    }

    private static (int Status, string Title, string Detail) Describe(Exception? error)
    {
        if (error is Microsoft.AspNetCore.Http.BadHttpRequestException bad) return (bad.StatusCode, "Bad request", bad.Message);
        // Marten and Wolverine wrap the database's exceptions (MartenCommandException, ...): look inside.
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // A value PostgreSQL refuses to store (class 22, e.g. 22P05 "unsupported Unicode escape sequence").
                case Npgsql.PostgresException { SqlState: var state } when state.StartsWith("22", StringComparison.Ordinal):
                    return (400, "Bad request", "The request carries a value the ledger cannot store (e.g. a NUL character).");
                // Connection lost, server shutting down or starting, too many connections, out of resources.
                case Npgsql.PostgresException { SqlState: var state } when state.StartsWith("08", StringComparison.Ordinal)
                    || state.StartsWith("53", StringComparison.Ordinal) || state.StartsWith("57P", StringComparison.Ordinal):
                    return Unavailable;
                case Npgsql.PostgresException:
                    return Unexpected;
                case Npgsql.NpgsqlException or TimeoutException or System.Net.Sockets.SocketException:
                    return Unavailable;
            }
        }
        return Unexpected;
    }

    private static readonly (int, string, string) Unavailable =
        (503, "Database unavailable", "The ledger database cannot be reached right now. Try again in a moment.");

    private static readonly (int, string, string) Unexpected =
        (500, "Unexpected error", "The request failed unexpectedly. It has been logged; quote the traceId when reporting it.");
}
