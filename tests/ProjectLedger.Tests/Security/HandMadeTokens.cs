using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using ProjectLedger.Security;

namespace ProjectLedger.Tests.Security;

/// <summary>HS256 tokens with exactly the claims a test names, as an attacker or a careless integrator would make them.</summary>
public static class HandMadeTokens
{
    public static string Sign(IReadOnlyDictionary<string, string> claims, string key = TokenIssuer.DemoSigningKey,
        TimeSpan? lifetime = null, string issuer = TokenIssuer.Issuer, string audience = TokenIssuer.Audience)
    {
        var credentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256);
        var expires = DateTime.UtcNow.Add(lifetime ?? TimeSpan.FromHours(1));
        var token = new JwtSecurityToken(issuer, audience, claims.Select(c => new Claim(c.Key, c.Value)),
            notBefore: expires.AddHours(-2), expires: expires, signingCredentials: credentials);
        return new JwtSecurityTokenHandler().WriteToken(token);
    }

    public static Dictionary<string, string> Claims(string? sub, string? role, string? county)
    {
        var claims = new Dictionary<string, string>();
        if (sub is not null) claims["sub"] = sub;
        if (role is not null) claims["role"] = role;
        if (county is not null) claims["county"] = county;
        return claims;
    }
}
