using ProjectLedger.Audit;
using ProjectLedger.Dashboards;
using ProjectLedger.Security;
using Wolverine.Http;

namespace ProjectLedger.Hosting;

public static class LedgerEndpoints
{
    public static void MapLedgerEndpoints(this WebApplication app, LedgerOptions ledger)
    {
        // "?page=abc" is a 400 problem, not a silent page 0.
        app.MapWolverineEndpoints(o => o.RejectUnparseableQueryValues = true);
        app.MapLedgerHealth();
        app.MapLedgerOpenApi(ledger);
        app.MapLedgerHubs();
        app.MapLedgerSignIn(ledger);
        app.MapTransparencyLog();
        app.MapFallback("/api/{**rest}", ApiFallback).AllowAnonymous();
        // The single-page UI owns every other path.
        app.MapFallback(UiPage.Serve).AllowAnonymous();
    }

    /// <summary>
    /// A file path (with an extension) that no static file and no endpoint matched is 404, not the
    /// 401 the "signed in by default" policy would give it.
    /// </summary>
    public static WebApplication UseMissingFileAsNotFound(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            if (http.GetEndpoint() is null && Path.HasExtension(http.Request.Path.Value))
            {
                await Results.Problem(statusCode: 404, title: "Not found", detail: $"There is no file {http.Request.Path}.").ExecuteAsync(http);
                return;
            }
            await next(http);
        });
        return app;
    }

    /// <summary>
    /// Wolverine's JSON endpoints do not match a request whose body is not JSON, so such a request
    /// lands here: say so (415) rather than claim the route does not exist.
    /// </summary>
    private static IResult ApiFallback(HttpContext http)
    {
        var contentType = http.Request.ContentType;
        if (!string.IsNullOrEmpty(contentType) && !contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
            return Results.Problem(statusCode: 415, title: "Unsupported media type",
                detail: $"Send the body as JSON (Content-Type: application/json), not {contentType}.");
        return Results.Problem(statusCode: 404, title: "Not found",
            detail: $"There is no API route {http.Request.Method} {http.Request.Path}.");
    }
}
