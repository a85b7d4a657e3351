using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.IdentityModel.Tokens;

namespace ProjectLedger.Security;

/// <summary>Signed in, and a role and county that are a valid pair (LedgerUser.Refusal): else nothing at all.</summary>
public sealed class LedgerAccessRequirement : IAuthorizationRequirement;

public sealed class LedgerAccessCheck : AuthorizationHandler<LedgerAccessRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, LedgerAccessRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated != true) return Task.CompletedTask;
        if (LedgerUser.From(context.User).Refusal() is { } refusal) context.Fail(new RefusalReason(this, refusal));
        else context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

public sealed class RefusalReason(IAuthorizationHandler handler, AccessRefusal refusal) : AuthorizationFailureReason(handler, refusal.Detail)
{
    public AccessRefusal Refusal { get; } = refusal;
}

/// <summary>A token that verified but names nobody: refused at authentication (401), never stored as someone.</summary>
public sealed class MissingSubjectException() : Exception("The token carries no subject (sub).");

/// <summary>
/// 401 and 403 as problem details with a detail a person can act on and a `code` the UI translates.
/// The API never redirects to the provider: the UI starts sign-in itself (/auth/signin).
/// </summary>
public sealed class LedgerAccessProblems : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext http, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Challenged)
        {
            var (code, detail) = WhyUnauthenticated(http);
            http.Response.Headers.WWWAuthenticate = code is "tokenExpired" or "tokenInvalid" or "noSubject"
                ? "Bearer error=\"invalid_token\"" : "Bearer";
            await Problem(http, 401, "Sign-in required", detail, code);
            return;
        }
        if (result.Forbidden)
        {
            var refusal = result.AuthorizationFailure?.FailureReasons.OfType<RefusalReason>().FirstOrDefault()?.Refusal
                ?? new AccessRefusal("forbidden", "Your role does not allow this. Ask your organisation's administrator if you need it.");
            await Problem(http, 403, "Forbidden", refusal.Detail, refusal.Code);
            return;
        }
        await _default.HandleAsync(next, http, policy, result);
    }

    private static (string Code, string Detail) WhyUnauthenticated(HttpContext http)
    {
        var failure = http.Items.TryGetValue(LedgerSecurity.FailureKey, out var remembered) ? remembered as Exception : null;
        return failure switch
        {
            MissingSubjectException => ("noSubject",
                "Your token names no one (it has no 'sub' claim), so nothing can be recorded as yours. Get a token that identifies you or your integration."),
            SecurityTokenExpiredException => ("tokenExpired", "Your token has expired. Get a new one (or sign in again) and retry."),
            not null => ("tokenInvalid",
                "Your token was not accepted: it is not signed by a key ProjectLedger trusts, or it was issued by or for someone else. Get a new one from your identity provider."),
            null when http.Request.Cookies.ContainsKey(LedgerSession.CookieName) => ("sessionExpired",
                "Your session has ended. Sign in again to continue."),
            null => ("signInRequired", "Sign in first: open ProjectLedger in the browser, or send an 'Authorization: Bearer' token."),
        };
    }

    public static Task Problem(HttpContext http, int status, string title, string detail, string code) =>
        Results.Problem(statusCode: status, title: title, detail: detail, extensions: new Dictionary<string, object?> { ["code"] = code })
            .ExecuteAsync(http);
}
