using ProjectLedger.Audit.Log;
using ProjectLedger.Hosting;

namespace ProjectLedger.Audit;

/// <summary>
/// The transparency log's settings. LEDGER_LOG_ORIGIN: the log's name in its checkpoints.
/// LEDGER_LOG_KEY_FILE: the Ed25519 signing key (Go's note form; required outside demo mode).
/// LEDGER_CHECKPOINT_DIR: where every checkpoint is also written, outside the database (required
/// outside demo mode; a fresh temporary folder per process in demo mode).
/// </summary>
public sealed record LogOptions(string Origin, string KeyText, string CheckpointDir)
{
    public const string DemoOrigin = "projectledger.demo/events";

    public static LogOptions From(IConfiguration config, bool demo)
    {
        var origin = config["LEDGER_LOG_ORIGIN"] is { Length: > 0 } given ? given : demo ? DemoOrigin : null;
        if (origin is null)
            throw new LedgerConfigurationException("LEDGER_LOG_ORIGIN is not set: name the transparency log, e.g. ledger.example.fi/events.");
        if (origin.Contains('\n') || origin.Trim() != origin)
            throw new LedgerConfigurationException("LEDGER_LOG_ORIGIN must be one line without surrounding spaces.");

        string keyText;
        if (config["LEDGER_LOG_KEY_FILE"] is { Length: > 0 } file)
        {
            if (!File.Exists(file)) throw new LedgerConfigurationException($"LEDGER_LOG_KEY_FILE {file} does not exist.");
            keyText = File.ReadAllText(file).Trim();
            try { using var _ = SigningKey.Parse(keyText); }
            catch (Exception e) when (e is FormatException or ArgumentException)
            { throw new LedgerConfigurationException($"LEDGER_LOG_KEY_FILE {file}: {e.Message}"); }
        }
        else if (demo)
        {
            using var key = SigningKey.Demo(origin.Replace(' ', '_').Replace('+', '_'));
            keyText = "demo:" + key.Name;
        }
        else
        {
            throw new LedgerConfigurationException(
                "LEDGER_LOG_KEY_FILE is not set: give the transparency log's Ed25519 key (create one with `log-key NAME FILE`).");
        }

        var dir = config["LEDGER_CHECKPOINT_DIR"] is { Length: > 0 } folder ? folder
            : demo ? Directory.CreateTempSubdirectory("projectledger-checkpoints-").FullName
            : throw new LedgerConfigurationException("LEDGER_CHECKPOINT_DIR is not set: give a folder outside the database for the signed checkpoints.");
        return new LogOptions(origin, keyText, dir);
    }

    public SigningKey CreateKey() => KeyText.StartsWith("demo:", StringComparison.Ordinal)
        ? SigningKey.Demo(KeyText["demo:".Length..])
        : SigningKey.Parse(KeyText);
}
