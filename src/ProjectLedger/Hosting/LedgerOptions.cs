using System.Text;

using ProjectLedger.Security;

namespace ProjectLedger.Hosting;

/// <summary>
/// Everything the host reads from its environment, resolved once at start-up.
/// LEDGER_DB: Npgsql connection string. LEDGER_SCHEMA: the database schema (tests use one per run).
/// LEDGER_DEMO=1: demo mode (demo key and demo login), never implied by the environment's name.
/// LEDGER_SIGNING_KEY: the local HS256 key (32+ bytes) for ops/token tokens and the daily digest;
/// outside demo mode it is optional when LEDGER_OIDC_AUTHORITY is set, and never the public demo key.
/// </summary>
public sealed record LedgerOptions(
    string ConnectionString,
    string Schema,
    bool DemoMode,
    byte[]? SigningKey,
    bool RunDaemon,
    bool MultiNode)
{
    /// <summary>
    /// Whether this node applies schema changes at start (LEDGER_APPLY_SCHEMA; on by default only in
    /// demo mode). Otherwise it checks that the database matches and refuses to start when it does
    /// not: the schema is changed on purpose, by `db-apply`, not by whichever node starts first.
    /// </summary>
    public bool ApplySchema { get; init; }

    /// <summary>The county's OpenID Provider, when LEDGER_OIDC_AUTHORITY is set.</summary>
    public OidcSettings? Oidc { get; init; }

    /// <summary>How long a browser session lives without use (sliding; renewed while used).</summary>
    public TimeSpan SessionLifetime { get; init; } = TimeSpan.FromMinutes(60);

    public static LedgerOptions From(IConfiguration config, IHostEnvironment environment)
    {
        var connection = config["LEDGER_DB"] ?? config.GetConnectionString("ledger")
            ?? "Host=localhost;Port=5432;Database=ledger;Username=postgres";
        var schema = config["LEDGER_SCHEMA"] ?? "ledger";
        var demo = IsOn(config["LEDGER_DEMO"]);
        var oidc = OidcSettings.From(config);
        var key = config["LEDGER_SIGNING_KEY"];
        if (string.IsNullOrWhiteSpace(key))
        {
            if (demo) key = TokenIssuer.DemoSigningKey;
            else if (oidc is null)
                throw new LedgerConfigurationException(
                    "neither LEDGER_OIDC_AUTHORITY nor LEDGER_SIGNING_KEY is set. Set your identity provider (LEDGER_OIDC_*), a signing key of at least 32 bytes, or LEDGER_DEMO=1 for a demo.");
        }
        byte[]? keyBytes = key is null ? null : Encoding.UTF8.GetBytes(key);
        if (keyBytes is not null)
        {
            if (keyBytes.Length < 32)
                throw new LedgerConfigurationException($"LEDGER_SIGNING_KEY must be at least 32 bytes long (it has {keyBytes.Length}).");
            if (!demo && key == TokenIssuer.DemoSigningKey)
                throw new LedgerConfigurationException(
                    "LEDGER_SIGNING_KEY is the public demo key, which anyone can sign with. Set a secret key of your own, or LEDGER_DEMO=1 for a demo.");
        }

        var minutes = double.TryParse(config["LEDGER_SESSION_MINUTES"], System.Globalization.NumberStyles.Float,
            System.Globalization.CultureInfo.InvariantCulture, out var m) && m > 0 ? m : 60;
        return new LedgerOptions(
            connection,
            schema,
            demo,
            keyBytes,
            RunDaemon: !IsOff(config["LEDGER_DAEMON"]),
            MultiNode: IsOn(config["LEDGER_MULTINODE"]))
        {
            Oidc = oidc,
            SessionLifetime = TimeSpan.FromMinutes(minutes),
            ApplySchema = IsOn(config["LEDGER_APPLY_SCHEMA"]) || (demo && !IsOff(config["LEDGER_APPLY_SCHEMA"])),
        };
    }

    public static bool IsOn(string? value) => value is "1" or "true" or "True" or "yes";
    private static bool IsOff(string? value) => value is "0" or "false" or "False" or "no";
}

/// <summary>The environment does not configure the app well enough to start; the message says what to set.</summary>
public sealed class LedgerConfigurationException(string message, Exception? inner = null) : Exception(message, inner);
