using System.Security.Cryptography;
using ProjectLedger.Audit.Log;

namespace ProjectLedger.Tests.Security;

/// <summary>
/// What an app needs to serve outside demo mode besides its sign-in: the transparency log's name,
/// a fresh Ed25519 key of its own and a folder for the checkpoints (never the demo ones).
/// </summary>
public static class OutsideDemo
{
    public static Dictionary<string, string?> Settings(Dictionary<string, string?>? more = null)
    {
        const string origin = "ledger.test/events";
        var settings = new Dictionary<string, string?>
        {
            ["LEDGER_DEMO"] = null,
            ["LEDGER_LOG_ORIGIN"] = origin,
            ["LEDGER_LOG_KEY"] = NewLogKey(origin),
            ["LEDGER_CHECKPOINT_DIR"] = Directory.CreateTempSubdirectory("ledger-test-checkpoints-").FullName,
        };
        foreach (var (key, value) in more ?? []) settings[key] = value;
        return settings;
    }

    // SigningKey.Parse splits the whole text on '+', so a key whose base64 holds a '+' does not
    // read back (about 4 keys in 10); draw until one does.
    private static string NewLogKey(string name)
    {
        while (true)
        {
            var text = SigningKey.Format(name, RandomNumberGenerator.GetBytes(32));
            if (text.Count(c => c == '+') == 4) return text;
        }
    }
}
