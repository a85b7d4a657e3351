using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;
using ProjectLedger.Hosting;

namespace ProjectLedger.Security;

/// <summary>Signs HS256 tokens with the configured key (ops/token does the same in bash).</summary>
public sealed class TokenIssuer(LedgerOptions ledger)
{
    /// <summary>Signs with the demo key, for demos, scripts and tests that talk to a demo-mode app.</summary>
    public static TokenIssuer Demo { get; } = new(new LedgerOptions("", "", DemoMode: true,
        System.Text.Encoding.UTF8.GetBytes(LedgerOptions.DemoSigningKey), RunDaemon: false, MultiNode: false));

    public string Issue(string user, string role, string county, TimeSpan? lifetime = null)
    {
        var credentials = new SigningCredentials(new SymmetricSecurityKey(ledger.RequireSigningKey("signing local tokens")), SecurityAlgorithms.HmacSha256);
        var token = new JwtSecurityToken(
            issuer: LedgerOptions.Issuer,
            audience: LedgerOptions.Audience,
            claims:
            [
                new Claim("sub", user),
                new Claim(LedgerUser.RoleClaim, role),
                new Claim(LedgerUser.CountyClaim, county),
            ],
            notBefore: DateTime.UtcNow.AddMinutes(-1),
            expires: DateTime.UtcNow.Add(lifetime ?? TimeSpan.FromHours(12)),
            signingCredentials: credentials);
        return new JwtSecurityTokenHandler().WriteToken(token);
    }
}
