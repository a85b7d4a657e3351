using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using ProjectLedger.Counties;
using ProjectLedger.Hosting;
using Wolverine.Http;

namespace ProjectLedger.Security;

public sealed record DemoLoginRequest(string? User, string? Role, string? County);

public sealed record DemoLoginResponse(string Token, string User, string Role, string County);

/// <summary>
/// Demo mode only: the UI's login for the demo users. Off (404) in production. It opens the same
/// session cookie as a provider's sign-in (the UI never keeps the token); the token in the answer is
/// for scripts trying the API.
/// </summary>
public static class DemoLoginEndpoint
{
    public const string DemoAuthenticationType = "demo";

    [AllowAnonymous]
    [WolverinePost("/api/demo/login")]
    public static async Task<IResult> Post(DemoLoginRequest? request, LedgerOptions ledger, TokenIssuer issuer, HttpContext http)
    {
        if (!ledger.DemoMode)
            return Results.Problem(statusCode: 404, title: "Not found", detail: "Demo login is only available in demo mode.");
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request?.User)) errors["user"] = ["Give a user name."];
        if (request?.Role is null || !Roles.All.Contains(request.Role))
            errors["role"] = [$"Role must be one of: {string.Join(", ", Roles.All)}."];
        if (request?.County is null || (request.County != LedgerUser.AllCounties && !CountyCatalog.Exists(request.County)))
            errors["county"] = ["County must be a county slug (see GET /api/counties) or \"*\"."];
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        var identity = new ClaimsIdentity(DemoAuthenticationType, "name", LedgerUser.RoleClaim);
        identity.AddClaim(new Claim(LedgerUser.SubjectClaim, request!.User!));
        identity.AddClaim(new Claim(LedgerUser.RoleClaim, request.Role!));
        identity.AddClaim(new Claim(LedgerUser.CountyClaim, request.County!));
        await http.SignInAsync(LedgerSecurity.Cookie, new ClaimsPrincipal(identity));
        var token = issuer.Issue(request.User!, request.Role!, request.County!);
        return Results.Ok(new DemoLoginResponse(token, request.User!, request.Role!, request.County!));
    }
}
