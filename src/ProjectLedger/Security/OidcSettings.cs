using ProjectLedger.Hosting;

namespace ProjectLedger.Security;

/// <summary>
/// The county's OpenID Provider and how its claims map to ours. LEDGER_OIDC_AUTHORITY (issuer URL),
/// LEDGER_OIDC_CLIENT_ID, LEDGER_OIDC_CLIENT_SECRET, LEDGER_OIDC_AUDIENCE (of bearer tokens; default the
/// client id), LEDGER_OIDC_SCOPES (extra scopes to ask for), LEDGER_OIDC_ROLE_CLAIM (default "role"),
/// LEDGER_OIDC_ROLE_MAP ("their-group=projectOffice;other=leadership"; without a map, values that are
/// our role names pass through), LEDGER_OIDC_COUNTY_CLAIM (default "county"), LEDGER_OIDC_COUNTY (the
/// county of everyone this provider signs in whose token names none: a county's own provider).
/// </summary>
public sealed record OidcSettings(
    string Authority,
    string ClientId,
    string? ClientSecret,
    string Audience,
    IReadOnlyList<string> Scopes,
    string RoleClaim,
    IReadOnlyList<(string Theirs, string Ours)>? RoleMap,
    string CountyClaim,
    string? DefaultCounty)
{
    /// <summary>Plain http only for a provider on this machine (tests, a local Keycloak); anything else needs https.</summary>
    public bool RequireHttps => !new Uri(Authority).IsLoopback;

    public static OidcSettings? From(IConfiguration config)
    {
        var authority = config["LEDGER_OIDC_AUTHORITY"];
        if (string.IsNullOrWhiteSpace(authority)) return null;
        if (!Uri.TryCreate(authority, UriKind.Absolute, out var uri) || !(uri.Scheme == "https" || (uri.Scheme == "http" && uri.IsLoopback)))
            throw new LedgerConfigurationException($"LEDGER_OIDC_AUTHORITY must be the provider's issuer URL (https://...), not '{authority}'.");
        var clientId = config["LEDGER_OIDC_CLIENT_ID"];
        if (string.IsNullOrWhiteSpace(clientId))
            throw new LedgerConfigurationException("LEDGER_OIDC_AUTHORITY is set but LEDGER_OIDC_CLIENT_ID is not: register ProjectLedger as a client at your provider.");
        return new OidcSettings(
            authority.TrimEnd('/'),
            clientId,
            NullIfBlank(config["LEDGER_OIDC_CLIENT_SECRET"]),
            NullIfBlank(config["LEDGER_OIDC_AUDIENCE"]) ?? clientId,
            (config["LEDGER_OIDC_SCOPES"] ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            NullIfBlank(config["LEDGER_OIDC_ROLE_CLAIM"]) ?? "role",
            ParseRoleMap(config["LEDGER_OIDC_ROLE_MAP"]),
            NullIfBlank(config["LEDGER_OIDC_COUNTY_CLAIM"]) ?? "county",
            NullIfBlank(config["LEDGER_OIDC_COUNTY"]));
    }

    /// <summary>"a=projectOffice;b=leadership" → [(a, projectOffice), (b, leadership)], in order; every target must be one of our roles.</summary>
    public static IReadOnlyList<(string Theirs, string Ours)>? ParseRoleMap(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var map = new List<(string, string)>();
        foreach (var pair in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var at = pair.LastIndexOf('=');
            var (theirs, ours) = at > 0 ? (pair[..at].Trim(), pair[(at + 1)..].Trim()) : ("", "");
            if (theirs.Length == 0 || !Roles.All.Contains(ours))
                throw new LedgerConfigurationException(
                    $"LEDGER_OIDC_ROLE_MAP entry '{pair}' is not 'their-value=ourRole' with ourRole one of {string.Join(", ", Roles.All)}.");
            map.Add((theirs, ours));
        }
        return map;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
