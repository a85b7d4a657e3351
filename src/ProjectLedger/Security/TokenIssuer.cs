using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

namespace ProjectLedger.Security;

/// <summary>Signs HS256 tokens with the local signing key (ops/token does the same in bash); none when sign-in is only through an identity provider.</summary>
public sealed class TokenIssuer(byte[]? signingKey, TimeProvider clock)
{
    public const string Issuer = "projectledger";
    public const string Audience = "projectledger";
    public const string DemoSigningKey = "projectledger-demo-signing-key-not-for-production-use";

    /// <summary>Signs with the demo key, for demos, scripts and tests that talk to a demo-mode app.</summary>
    public static TokenIssuer Demo { get; } = new(System.Text.Encoding.UTF8.GetBytes(DemoSigningKey), TimeProvider.System);

    public string Issue(string user, string role, string county, TimeSpan? lifetime = null)
    {
        var key = signingKey ?? throw new InvalidOperationException("LEDGER_SIGNING_KEY is not set; signing local tokens needs it (32+ bytes).");
        var now = clock.GetUtcNow().UtcDateTime;
        var token = new JwtSecurityToken(
            issuer: Issuer,
            audience: Audience,
            claims:
            [
                new Claim("sub", user),
                new Claim(LedgerUser.RoleClaim, role),
                new Claim(LedgerUser.CountyClaim, county),
            ],
            notBefore: now.AddMinutes(-1),
            expires: now.Add(lifetime ?? TimeSpan.FromHours(12)),
            signingCredentials: new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256));
        return new JwtSecurityTokenHandler().WriteToken(token);
    }
}
