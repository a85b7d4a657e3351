using System.Security.Claims;

namespace ProjectLedger.Security;

/// <summary>
/// The provider's claims in our terms: sub, name, one role (through LEDGER_OIDC_ROLE_MAP, or passed
/// through when it already is one of ours) and a county. Used for browser sign-ins and for bearer
/// tokens alike, so both get exactly the same rights. Whether the pair is valid is the access
/// policy's question (a sign-in without a role still gets a session, and a 403 that says why).
/// </summary>
public static class OidcClaims
{
    public const string AuthenticationType = "oidc";

    public static ClaimsPrincipal? ToLedger(ClaimsPrincipal provider, OidcSettings settings)
    {
        var sub = provider.FindFirst(LedgerUser.SubjectClaim)?.Value;
        if (string.IsNullOrWhiteSpace(sub)) return null;
        var identity = new ClaimsIdentity(AuthenticationType, "name", LedgerUser.RoleClaim);
        identity.AddClaim(new Claim(LedgerUser.SubjectClaim, sub));
        var name = provider.FindFirst("name")?.Value ?? provider.FindFirst("preferred_username")?.Value;
        if (!string.IsNullOrWhiteSpace(name)) identity.AddClaim(new Claim("name", name));
        if (Role(provider.FindAll(settings.RoleClaim).Select(c => c.Value), settings) is { } role)
            identity.AddClaim(new Claim(LedgerUser.RoleClaim, role));
        var county = provider.FindFirst(settings.CountyClaim)?.Value ?? settings.DefaultCounty;
        if (!string.IsNullOrWhiteSpace(county)) identity.AddClaim(new Claim(LedgerUser.CountyClaim, county));
        return new ClaimsPrincipal(identity);
    }

    /// <summary>
    /// With a map, the first map entry the person holds wins (the operator orders the map); without
    /// one, the first value that is one of our role names. A value we do not know is kept as it is,
    /// so the 403 can name it.
    /// </summary>
    public static string? Role(IEnumerable<string> values, OidcSettings settings)
    {
        var held = values.Where(v => !string.IsNullOrWhiteSpace(v)).ToList();
        if (held.Count == 0) return null;
        if (settings.RoleMap is { } map)
        {
            foreach (var (theirs, ours) in map)
                if (held.Contains(theirs)) return ours;
            return held[0];
        }
        return held.FirstOrDefault(Roles.All.Contains) ?? held[0];
    }
}
