using System.Text;

namespace ProjectLedger.Hosting;

/// <summary>
/// Everything the host reads from its environment, resolved once at start-up.
/// LEDGER_DB: Npgsql connection string. LEDGER_SCHEMA: the database schema (tests use one per run).
/// LEDGER_SIGNING_KEY: the JWT signing key (32+ bytes). LEDGER_DEMO=1: demo mode (demo key and demo login).
/// </summary>
public sealed record LedgerOptions(
    string ConnectionString,
    string Schema,
    bool DemoMode,
    byte[] SigningKey,
    bool RunDaemon,
    bool MultiNode)
{
    public const string DemoSigningKey = "projectledger-demo-signing-key-not-for-production-use";
    public const string Issuer = "projectledger";
    public const string Audience = "projectledger";

    public static LedgerOptions From(IConfiguration config, IHostEnvironment environment)
    {
        var connection = config["LEDGER_DB"] ?? config.GetConnectionString("ledger")
            ?? "Host=localhost;Port=5432;Database=ledger;Username=postgres";
        var schema = config["LEDGER_SCHEMA"] ?? "ledger";
        var demo = IsOn(config["LEDGER_DEMO"]) || environment.IsDevelopment();
        var key = config["LEDGER_SIGNING_KEY"];
        if (string.IsNullOrWhiteSpace(key))
        {
            if (!demo)
                throw new LedgerConfigurationException(
                    "LEDGER_SIGNING_KEY is not set. Set a signing key of at least 32 bytes, or LEDGER_DEMO=1 for a demo.");
            key = DemoSigningKey;
        }
        var keyBytes = Encoding.UTF8.GetBytes(key);
        if (keyBytes.Length < 32)
            throw new LedgerConfigurationException("LEDGER_SIGNING_KEY must be at least 32 bytes long.");

        return new LedgerOptions(
            connection,
            schema,
            demo,
            keyBytes,
            RunDaemon: !IsOff(config["LEDGER_DAEMON"]),
            MultiNode: IsOn(config["LEDGER_MULTINODE"]));
    }

    private static bool IsOn(string? value) => value is "1" or "true" or "True" or "yes";
    private static bool IsOff(string? value) => value is "0" or "false" or "False" or "no";
}

/// <summary>The environment does not configure the app well enough to start; the message says what to set.</summary>
public sealed class LedgerConfigurationException(string message) : Exception(message);
