using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.Tokens;
using ProjectLedger.Hosting;

namespace ProjectLedger.Security;

public static class LedgerSecurity
{
    public static IServiceCollection AddLedgerSecurity(this IServiceCollection services, LedgerOptions ledger)
    {
        services.AddSingleton<TokenIssuer>();
        services
            .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = LedgerOptions.Issuer,
                    ValidAudience = LedgerOptions.Audience,
                    IssuerSigningKey = new SymmetricSecurityKey(ledger.SigningKey),
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    NameClaimType = "sub",
                    RoleClaimType = LedgerUser.RoleClaim,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                o.Events = new JwtBearerEvents
                {
                    // Browsers cannot set headers on WebSockets: accept access_token on hub paths only.
                    OnMessageReceived = context =>
                    {
                        var token = context.Request.Query["access_token"];
                        if (!string.IsNullOrEmpty(token) && context.HttpContext.Request.Path.StartsWithSegments("/hubs"))
                            context.Token = token;
                        return Task.CompletedTask;
                    },
                };
            });
        services.AddAuthorization(o =>
        {
            // Every endpoint needs a valid token unless it says otherwise (health, demo login, the UI's files).
            o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        });
        return services;
    }
}
