using System.CommandLine;
using ProjectLedger.Hosting;

namespace ProjectLedger.Audit;

/// <summary>`audit [--checkpoint FILE]`: verifies every stream's hash chain and the transparency log, and the log against a checkpoint kept outside.</summary>
public sealed class AuditCommand : LedgerCommand
{
    private readonly Option<string?> _checkpoint = new("--checkpoint")
    {
        Description = "A signed checkpoint kept outside the database to hold the log against (default: the newest in LEDGER_CHECKPOINT_DIR)",
    };

    public AuditCommand()
    {
        Definition = new Command("audit",
            "Verify every stream's hash chain and what the transparency log holds of it, and the log against a checkpoint kept outside the database")
        {
            _checkpoint,
        };
    }

    public override Command Definition { get; }

    public override async Task<int> RunAsync(ParseResult parsed, IServiceProvider services, CancellationToken ct)
    {
        var options = services.GetRequiredService<LogOptions>();
        var anchorFile = parsed.GetValue(_checkpoint) ?? (options.CheckpointDir is { } dir ? FullVerification.NewestCheckpointFile(dir) : null);
        if (anchorFile is not null && !File.Exists(anchorFile))
            throw new CommandFailure($"the checkpoint file {anchorFile} does not exist", LedgerExit.Unavailable);
        if (anchorFile is not null && options.KeyText is null)
            throw new CommandFailure("a checkpoint is checked with the log's key: set LEDGER_LOG_KEY_FILE", LedgerExit.Usage);
        await services.GetRequiredService<LedgerSchema>().EnsureAsync(ct);
        var anchor = anchorFile is null ? null : await File.ReadAllTextAsync(anchorFile, ct);
        using var key = options.KeyText is null ? null : options.CreateKey();

        var report = await LedgerProgress.RunAsync(async progress =>
        {
            var bar = progress.AddBar("Verifying streams and the transparency log", 1);
            var result = await services.GetRequiredService<FullVerification>().RunAsync(anchor, key?.Verifier, ct);
            bar.Increment(1);
            bar.StopTask();
            return result;
        });
        Console.WriteLine($"Verified {report.Streams} streams, {report.Events} events, {report.Leaves} leaves in {report.Seconds:0.0} s " +
                          $"({report.EventsPerSecond:0} events/s): {report.Streams - report.Broken.Count} intact, {report.Broken.Count} broken.");
        Console.WriteLine(anchorFile is null ? "No checkpoint kept outside to hold the log against." : $"Held against {anchorFile}.");
        foreach (var result in report.Broken.Take(50))
            Console.WriteLine($"  {result.StreamId} version {result.FirstMismatch!.Version}: {result.FirstMismatch.Problem} — {result.FirstMismatch.Detail}");
        foreach (var problem in report.LogProblems) Console.WriteLine("  " + problem);
        if (report.NotInLog > 0)
            Console.WriteLine($"{report.NotInLog} events are not in the transparency log yet: the app takes them in while it serves.");
        return report.Intact ? LedgerExit.Ok : LedgerExit.Failed;
    }
}
