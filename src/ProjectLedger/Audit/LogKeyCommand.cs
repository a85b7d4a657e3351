using System.CommandLine;
using System.Security.Cryptography;
using ProjectLedger.Audit.Log;
using ProjectLedger.Hosting;

namespace ProjectLedger.Audit;

/// <summary>`log-key NAME FILE`: a new Ed25519 key for the transparency log, in Go's note form; prints its verifier key.</summary>
public sealed class LogKeyCommand : LedgerCommand
{
    private readonly Argument<string> _name = new("name") { Description = "The key's name, usually the log's origin (LEDGER_LOG_ORIGIN), e.g. ledger.example.fi/events" };
    private readonly Argument<FileInfo> _file = new("file") { Description = "Where to write the private key (LEDGER_LOG_KEY_FILE); it must not exist yet" };

    public LogKeyCommand()
    {
        Definition = new Command("log-key", "Create a new Ed25519 signing key for the transparency log and print its verifier key") { _name, _file };
    }

    public override Command Definition { get; }

    public override Task<int> RunAsync(ParseResult parsed, IServiceProvider services, CancellationToken ct)
    {
        var name = parsed.GetRequiredValue(_name);
        var file = parsed.GetRequiredValue(_file);
        if (file.Exists) throw new CommandFailure($"{file.FullName} exists already; a log key is never overwritten", LedgerExit.Usage);
        if (file.Directory is { Exists: false } folder) throw new CommandFailure($"the folder {folder.FullName} does not exist", LedgerExit.Unavailable);
        string text;
        try { text = SigningKey.Format(name, RandomNumberGenerator.GetBytes(32)); }
        catch (ArgumentException e) { throw new CommandFailure(e.Message, LedgerExit.Usage); }
        File.WriteAllText(file.FullName, text + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        using var key = SigningKey.Parse(text);
        Console.WriteLine($"Private key written to {file.FullName} (set LEDGER_LOG_KEY_FILE to it).");
        Console.WriteLine($"Verifier key (publish it; auditors and witnesses keep it): {key.Verifier}");
        return Task.FromResult(LedgerExit.Ok);
    }
}
