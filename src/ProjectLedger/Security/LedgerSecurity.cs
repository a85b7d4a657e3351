using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.IdentityModel.Tokens;
using ProjectLedger.Hosting;

namespace ProjectLedger.Security;

public static class LedgerSecurity
{
    public const string LocalBearer = "LocalBearer";

    public static IServiceCollection AddLedgerSecurity(this IServiceCollection services, LedgerOptions ledger)
    {
        services.AddSingleton<TokenIssuer>();
        var authentication = services.AddAuthentication(LocalBearer);
        authentication.AddJwtBearer(LocalBearer, o =>
        {
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = LedgerOptions.Issuer,
                ValidAudience = LedgerOptions.Audience,
                // Without a local key (an OIDC-only deployment) no local token verifies.
                IssuerSigningKey = new SymmetricSecurityKey(ledger.SigningKey ?? System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                NameClaimType = LedgerUser.SubjectClaim,
                RoleClaimType = LedgerUser.RoleClaim,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
            o.Events = new JwtBearerEvents
            {
                OnMessageReceived = HubQueryToken,
                OnTokenValidated = RequireSubject,
                OnAuthenticationFailed = RememberFailure,
            };
        });

        // Every endpoint needs a signed-in caller with a valid role and county unless it says otherwise
        // (health, demo login, the UI's files); [Authorize] (the hub) means the same.
        var access = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new LedgerAccessRequirement()).Build();
        services.AddAuthorization(o =>
        {
            o.DefaultPolicy = access;
            o.FallbackPolicy = access;
        });
        services.AddSingleton<IAuthorizationHandler, LedgerAccessCheck>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, LedgerAccessProblems>();
        return services;
    }

    /// <summary>Browsers cannot set headers on WebSockets: accept access_token on hub paths only.</summary>
    public static Task HubQueryToken(MessageReceivedContext context)
    {
        var token = context.Request.Query["access_token"];
        if (!string.IsNullOrEmpty(token) && context.HttpContext.Request.Path.StartsWithSegments("/hubs"))
            context.Token = token;
        return Task.CompletedTask;
    }

    public static Task RequireSubject(TokenValidatedContext context)
    {
        if (string.IsNullOrWhiteSpace(context.Principal?.FindFirst(LedgerUser.SubjectClaim)?.Value))
        {
            context.HttpContext.Items[FailureKey] = new MissingSubjectException();
            context.Fail((Exception)context.HttpContext.Items[FailureKey]!);
        }
        return Task.CompletedTask;
    }

    /// <summary>Why a token was refused, for the 401's detail (the authentication feature only keeps successes).</summary>
    public const string FailureKey = "ledger.authFailure";

    public static Task RememberFailure(AuthenticationFailedContext context)
    {
        context.HttpContext.Items[FailureKey] = context.Exception;
        return Task.CompletedTask;
    }
}

/// <summary>The browser's session (an encrypted, HttpOnly cookie).</summary>
public static class LedgerSession
{
    public const string CookieName = "__ledger_session";
}
