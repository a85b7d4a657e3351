using ProjectLedger.Audit.Log;
using ProjectLedger.Hosting;

namespace ProjectLedger.Audit;

/// <summary>
/// The transparency log's settings. LEDGER_LOG_ORIGIN: the log's name in its checkpoints.
/// LEDGER_LOG_KEY_FILE (or LEDGER_LOG_KEY): the Ed25519 signing key in Go's note form.
/// LEDGER_CHECKPOINT_DIR: where every checkpoint is also written, outside the database. All three
/// are required to serve outside demo mode (demo mode: a published demo key and a fresh temporary
/// folder per process); commands run without them, and say so when they need one.
/// </summary>
public sealed record LogOptions(string Origin, string? KeyText, string? CheckpointDir)
{
    public const string DemoOrigin = "projectledger.demo/events";

    public static LogOptions From(IConfiguration config, bool demo, bool required = true)
    {
        var origin = config["LEDGER_LOG_ORIGIN"] is { Length: > 0 } given ? given : demo || !required ? DemoOrigin : null;
        if (origin is null)
            throw new LedgerConfigurationException("LEDGER_LOG_ORIGIN is not set: name the transparency log, e.g. ledger.example.fi/events.");
        if (origin.Contains('\n') || origin.Trim() != origin)
            throw new LedgerConfigurationException("LEDGER_LOG_ORIGIN must be one line without surrounding spaces.");

        string? keyText = null;
        if (config["LEDGER_LOG_KEY"] is { Length: > 0 } given2)
        {
            keyText = given2.Trim();
            try { using var _ = SigningKey.Parse(keyText); }
            catch (Exception e) when (e is FormatException or ArgumentException)
            { throw new LedgerConfigurationException($"LEDGER_LOG_KEY_FILE: {e.Message}"); }
        }
        else if (demo)
        {
            using var key = SigningKey.Demo(origin.Replace(' ', '_').Replace('+', '_'));
            keyText = "demo:" + key.Name;
        }
        else if (required)
        {
            throw new LedgerConfigurationException(
                "LEDGER_LOG_KEY_FILE is not set: give the transparency log's Ed25519 key (create one with `log-key NAME FILE`).");
        }

        var dir = config["LEDGER_CHECKPOINT_DIR"] is { Length: > 0 } folder ? folder
            : demo && required ? Directory.CreateTempSubdirectory("projectledger-checkpoints-").FullName
            : required ? throw new LedgerConfigurationException("LEDGER_CHECKPOINT_DIR is not set: give a folder outside the database for the signed checkpoints.")
            : null;
        return new LogOptions(origin, keyText, dir);
    }

    public SigningKey CreateKey() => KeyText switch
    {
        null => throw new InvalidOperationException("No log key is configured (LEDGER_LOG_KEY_FILE)."),
        var demo when demo.StartsWith("demo:", StringComparison.Ordinal) => SigningKey.Demo(demo["demo:".Length..]),
        var text => SigningKey.Parse(text),
    };
}
