using ProjectLedger.Dashboards;
using Wolverine.Http;

namespace ProjectLedger.Hosting;

public static class LedgerEndpoints
{
    public static void MapLedgerEndpoints(this WebApplication app, LedgerOptions ledger)
    {
        app.MapWolverineEndpoints();
        app.MapLedgerHealth();
        app.MapLedgerOpenApi(ledger);
        app.MapLedgerHubs();
        app.MapFallback("/api/{**rest}", ApiFallback).AllowAnonymous();
        // The single-page UI owns every other path.
        app.MapFallbackToFile("index.html").AllowAnonymous();
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
