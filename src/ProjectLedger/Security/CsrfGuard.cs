namespace ProjectLedger.Security;

/// <summary>
/// Cross-site request forgery: a write that relies on the session cookie (no bearer token) must carry
/// the header the UI sends (`X-Ledger-Request: 1`) and, when the browser names its origin, come from
/// this origin. A cross-site page cannot add a custom header without a CORS preflight, which
/// ProjectLedger never answers, so a forged form or fetch fails here; SameSite=Lax on the cookie is a
/// second wall. The provider's callbacks (/signin-oidc, /signout-callback-oidc) are protected by their
/// state and nonce instead; sign-out, a plain form post, by its Origin.
/// </summary>
public static class CsrfGuard
{
    public const string Header = "X-Ledger-Request";

    public static WebApplication UseLedgerCsrfGuard(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            if (Refusal(http) is { } detail)
            {
                http.Response.StatusCode = 403;
                await LedgerAccessProblems.Problem(http, 403, "Forbidden", detail, "csrf");
                return;
            }
            await next(http);
        });
        return app;
    }

    private static string? Refusal(HttpContext http)
    {
        var request = http.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)) return null;
        if (request.Headers.Authorization.Count > 0) return null; // a bearer token is not sent by the browser on its own
        // Without the session cookie there is no ambient authority to abuse (and an API client gets its 401).
        if (!request.Cookies.Keys.Any(k => k.StartsWith(LedgerSession.CookieName, StringComparison.Ordinal))) return null;
        var path = request.Path;
        var origin = request.Headers.Origin.ToString();
        var sameOrigin = origin.Length == 0 || string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
        if (path.StartsWithSegments("/auth/signout"))
            return sameOrigin && origin.Length > 0 ? null : "Sign out from the ProjectLedger page itself.";
        if (!path.StartsWithSegments("/api") && !path.StartsWithSegments("/hubs")) return null;
        if (!sameOrigin) return "This request came from another site, so it was refused. Use ProjectLedger's own page.";
        return request.Headers[Header].ToString() == "1" ? null
            : $"Requests from a browser session must come from the ProjectLedger page (header {Header} missing). Reload the page and try again; integrations send a bearer token instead.";
    }
}
