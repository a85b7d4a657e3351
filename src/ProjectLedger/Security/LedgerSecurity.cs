using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using JwtBearer = Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using ProjectLedger.Hosting;

namespace ProjectLedger.Security;

/// <summary>
/// Who is calling. Browsers: a session cookie (encrypted, HttpOnly, SameSite=Lax), opened by the
/// county's OpenID Provider (authorization code + PKCE, done here; the browser never holds a token) or,
/// in demo mode, by the demo login. Integrations: bearer JWTs, from the same provider (validated
/// through its discovery document and keys) or signed with the local key (ops/token). One policy
/// scheme picks the handler per request.
/// </summary>
public static class LedgerSecurity
{
    public const string Scheme = "Ledger";
    public const string Cookie = "LedgerCookie";
    public const string Oidc = "Oidc";
    public const string LocalBearer = "LocalBearer";
    public const string OidcBearer = "OidcBearer";

    public static IServiceCollection AddLedgerSecurity(this IServiceCollection services, LedgerOptions ledger, IConfiguration config)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new TokenIssuer(ledger.SigningKey, sp.GetRequiredService<TimeProvider>()));
        var keys = services.AddDataProtection().SetApplicationName("ProjectLedger");
        // Several nodes (or a restart) must read each other's session cookies: keep the key ring somewhere shared.
        if (config["LEDGER_KEYS_DIR"] is { Length: > 0 } dir) keys.PersistKeysToFileSystem(new DirectoryInfo(dir));
        else SharedKeyRing.AddSharedKeyRing(services);

        var authentication = services.AddAuthentication(o =>
        {
            o.DefaultScheme = Scheme;
            o.DefaultSignInScheme = Cookie;
        });
        authentication.AddPolicyScheme(Scheme, "Session cookie or bearer token", o => o.ForwardDefaultSelector = http => Select(http, ledger));
        authentication.AddCookie(Cookie, o =>
        {
            o.Cookie.Name = LedgerSession.CookieName;
            o.Cookie.HttpOnly = true;
            // Lax, not Strict: after the provider's redirect the first page load is a cross-site
            // navigation, which a Strict cookie would miss. Writes are guarded by CsrfGuard instead.
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = ledger.SessionLifetime;
            o.SlidingExpiration = true;
            o.TimeProvider = TimeProvider.System;
            // The API never redirects; the UI starts sign-in itself.
            o.Events.OnRedirectToLogin = context => { context.Response.StatusCode = 401; return Task.CompletedTask; };
            o.Events.OnRedirectToAccessDenied = context => { context.Response.StatusCode = 403; return Task.CompletedTask; };
        });
        authentication.AddJwtBearer(LocalBearer, o =>
        {
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = TokenIssuer.Issuer,
                ValidAudience = TokenIssuer.Audience,
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
        if (ledger.Oidc is { } oidc) AddProvider(authentication, oidc);

        // Every endpoint needs a signed-in caller with a valid role and county unless it says otherwise
        // (health, demo login, sign-in, the UI's files); [Authorize] (the hub) means the same.
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

    private static void AddProvider(AuthenticationBuilder authentication, OidcSettings oidc)
    {
        authentication.AddOpenIdConnect(Oidc, o =>
        {
            o.Authority = oidc.Authority;
            o.RequireHttpsMetadata = oidc.RequireHttps;
            o.ClientId = oidc.ClientId;
            o.ClientSecret = oidc.ClientSecret;
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.UsePkce = true;
            o.Scope.Clear();
            o.Scope.Add("openid");
            o.Scope.Add("profile");
            foreach (var scope in oidc.Scopes) o.Scope.Add(scope);
            // The id_token is kept (inside the encrypted cookie) for the provider's sign-out.
            o.SaveTokens = true;
            o.MapInboundClaims = false;
            o.TokenValidationParameters.NameClaimType = "name";
            o.TokenValidationParameters.RoleClaimType = LedgerUser.RoleClaim;
            o.SignInScheme = Cookie;
            o.SignOutScheme = Cookie;
            o.SignedOutRedirectUri = "/";
            o.TimeProvider = TimeProvider.System;
            o.Events = new OpenIdConnectEvents
            {
                OnTokenValidated = context =>
                {
                    var mapped = OidcClaims.ToLedger(context.Principal!, oidc);
                    if (mapped is null) context.Fail(new MissingSubjectException());
                    else context.Principal = mapped;
                    return Task.CompletedTask;
                },
                // A failed or cancelled sign-in lands on the UI's sign-in page with a reason, not on a 500.
                OnRemoteFailure = context =>
                {
                    context.Response.Redirect("/#/login?failed=" + Uri.EscapeDataString(context.Failure?.GetType().Name ?? "signin"));
                    context.HandleResponse();
                    return Task.CompletedTask;
                },
            };
        });
        authentication.AddJwtBearer(OidcBearer, o =>
        {
            o.Authority = oidc.Authority;
            o.Audience = oidc.Audience;
            o.RequireHttpsMetadata = oidc.RequireHttps;
            o.MapInboundClaims = false;
            o.TimeProvider = TimeProvider.System;
            o.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256];
            o.TokenValidationParameters.ClockSkew = TimeSpan.FromSeconds(30);
            o.Events = new JwtBearerEvents
            {
                OnMessageReceived = HubQueryToken,
                OnTokenValidated = context =>
                {
                    var mapped = OidcClaims.ToLedger(context.Principal!, oidc);
                    if (mapped is null)
                    {
                        context.HttpContext.Items[FailureKey] = new MissingSubjectException();
                        context.Fail((Exception)context.HttpContext.Items[FailureKey]!);
                    }
                    else context.Principal = mapped;
                    return Task.CompletedTask;
                },
                OnAuthenticationFailed = RememberFailure,
            };
        });
    }

    /// <summary>A bearer token (header, or access_token on hub paths) goes to the handler of its issuer; anything else is the cookie session.</summary>
    private static string Select(HttpContext http, LedgerOptions ledger)
    {
        var header = http.Request.Headers.Authorization.ToString();
        string? token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
        if (token is null && http.Request.Path.StartsWithSegments("/hubs") && http.Request.Query["access_token"] is { Count: > 0 } query)
            token = query.ToString();
        if (token is null) return Cookie;
        if (ledger.Oidc is null) return LocalBearer;
        try
        {
            return new JsonWebToken(token).Issuer == TokenIssuer.Issuer ? LocalBearer : OidcBearer;
        }
        catch (ArgumentException)
        {
            return LocalBearer; // not a JWT at all: refused either way, with the same 401
        }
    }

    /// <summary>Browsers cannot set headers on WebSockets: accept access_token on hub paths only.</summary>
    public static Task HubQueryToken(JwtBearer.MessageReceivedContext context)
    {
        var token = context.Request.Query["access_token"];
        if (!string.IsNullOrEmpty(token) && context.HttpContext.Request.Path.StartsWithSegments("/hubs"))
            context.Token = token;
        return Task.CompletedTask;
    }

    public static Task RequireSubject(JwtBearer.TokenValidatedContext context)
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

    public static Task RememberFailure(JwtBearer.AuthenticationFailedContext context)
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
