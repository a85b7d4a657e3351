using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using ProjectLedger.Hosting;

namespace ProjectLedger.Security;

/// <summary>What the UI needs to know about the caller and the ways in.</summary>
public sealed record SessionInfo(
    bool SignedIn, string? User, string? Name, string? Role, string? County, string? Via, DateTimeOffset? ExpiresAt,
    AccessRefusal? Refusal, bool Demo, bool Provider);

/// <summary>
/// Browser sign-in and sign-out. /auth/signin sends the browser to the county's provider (code + PKCE,
/// the callback is ASP.NET's /signin-oidc); /auth/signout ends the session here and at the provider
/// (/signout-callback-oidc brings it back); /api/session tells the UI who is signed in and how one can sign in.
/// </summary>
public static class SignInEndpoints
{
    public static void MapLedgerSignIn(this WebApplication app, LedgerOptions ledger)
    {
        app.MapGet("/auth/signin", (string? returnUrl) => ledger.Oidc is null
                ? Results.Problem(statusCode: 404, title: "Not found",
                    detail: "Sign-in with an identity provider is not configured here (LEDGER_OIDC_AUTHORITY).")
                : Results.Challenge(new AuthenticationProperties { RedirectUri = LocalOnly(returnUrl) }, [LedgerSecurity.Oidc]))
            .AllowAnonymous();

        app.MapPost("/auth/signout", async (HttpContext http) =>
        {
            var session = await http.AuthenticateAsync(LedgerSecurity.Cookie);
            var viaProvider = ledger.Oidc is not null && session.Principal?.Identity?.AuthenticationType == OidcClaims.AuthenticationType;
            return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" },
                viaProvider ? [LedgerSecurity.Cookie, LedgerSecurity.Oidc] : [LedgerSecurity.Cookie]);
        }).AllowAnonymous();

        app.MapGet("/api/session", async (HttpContext http) =>
        {
            var result = await http.AuthenticateAsync();
            var user = result.Succeeded ? result.Principal : null;
            if (user is null)
                return new SessionInfo(false, null, null, null, null, null, null, null, ledger.DemoMode, ledger.Oidc is not null);
            var caller = LedgerUser.From(user);
            return new SessionInfo(true, caller.Id, user.FindFirstValue("name"), caller.Role, caller.County,
                user.Identity?.AuthenticationType, result.Properties?.ExpiresUtc, caller.Refusal(), ledger.DemoMode, ledger.Oidc is not null);
        }).AllowAnonymous();
    }

    /// <summary>Only a path on this site ("/", "/#/pilots"): never another site (an open redirect).</summary>
    public static string LocalOnly(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url : "/";
}
