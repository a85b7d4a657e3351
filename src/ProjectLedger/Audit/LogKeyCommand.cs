using System.Security.Cryptography;
using JasperFx.CommandLine;
using ProjectLedger.Audit.Log;

namespace ProjectLedger.Audit;

public class LogKeyInput
{
    [Description("The key's name, usually the log's origin (LEDGER_LOG_ORIGIN), e.g. ledger.example.fi/events")]
    public string Name { get; set; } = "";

    [Description("Where to write the private key (LEDGER_LOG_KEY_FILE); it must not exist yet")]
    public string File { get; set; } = "";
}

/// <summary>dotnet ProjectLedger.dll log-key NAME FILE: a new Ed25519 key for the transparency log (Go's note form).</summary>
[Description("Creates a new Ed25519 signing key for the transparency log and prints its verifier key")]
public class LogKeyCommand : JasperFxCommand<LogKeyInput>
{
    public override bool Execute(LogKeyInput input)
    {
        if (System.IO.File.Exists(input.File))
        {
            Console.Error.WriteLine($"{input.File} exists already; a log key is never overwritten.");
            return false;
        }
        var seed = RandomNumberGenerator.GetBytes(32);
        var text = SigningKey.Format(input.Name, seed);
        System.IO.File.WriteAllText(input.File, text + "\n");
        if (!OperatingSystem.IsWindows()) System.IO.File.SetUnixFileMode(input.File, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        using var key = SigningKey.Parse(text);
        Console.WriteLine($"Private key written to {input.File} (set LEDGER_LOG_KEY_FILE to it).");
        Console.WriteLine($"Verifier key (publish it; auditors and witnesses keep it): {key.Verifier}");
        return true;
    }
}
