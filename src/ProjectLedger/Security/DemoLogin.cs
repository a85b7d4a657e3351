using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Authorization;
using ProjectLedger.Counties;
using ProjectLedger.Hosting;
using Wolverine.Http;

namespace ProjectLedger.Security;

public sealed record DemoLoginRequest(string? User, string? Role, string? County);

public sealed record DemoLoginResponse(string Token, string User, string Role, string County);

/// <summary>Demo mode only: the UI's login for the demo users. Off (404) in production.</summary>
public static class DemoLoginEndpoint
{
    [AllowAnonymous]
    [EndpointSummary("Demo mode only: a token for a demo user")]
    [ProducesResponseType<DemoLoginResponse>(200)]
    [WolverinePost("/api/demo/login")]
    public static IResult Post(DemoLoginRequest? request, LedgerOptions ledger, TokenIssuer issuer)
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
        var token = issuer.Issue(request!.User!, request.Role!, request.County!);
        return Results.Ok(new DemoLoginResponse(token, request.User!, request.Role!, request.County!));
    }
}
