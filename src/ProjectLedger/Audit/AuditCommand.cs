using JasperFx;
using JasperFx.CommandLine;
using ProjectLedger.Audit.Log;

namespace ProjectLedger.Audit;

public class AuditInput : NetCoreInput
{
    [Description("A checkpoint kept outside the database to hold the log against (default: the newest in LEDGER_CHECKPOINT_DIR)")]
    public string? CheckpointFlag { get; set; }
}

/// <summary>dotnet ProjectLedger.dll audit [--checkpoint FILE]: verifies every stream's hash chain and the transparency log.</summary>
[Description("Verifies every stream's hash chain against the transparency log, and the log against a checkpoint kept outside")]
public class AuditCommand : JasperFxAsyncCommand<AuditInput>
{
    public override async Task<bool> Execute(AuditInput input)
    {
        using var host = input.BuildHost();
        var services = host.Services;
        await services.GetRequiredService<LedgerSchema>().EnsureAsync(CancellationToken.None);
        var options = services.GetRequiredService<LogOptions>();
        using var key = options.CreateKey();
        var anchorFile = input.CheckpointFlag ?? FullVerification.NewestCheckpointFile(options.CheckpointDir);
        var anchor = anchorFile is null ? null : await File.ReadAllTextAsync(anchorFile);

        var report = await services.GetRequiredService<FullVerification>().RunAsync(anchor, key.Verifier, CancellationToken.None);
        Console.WriteLine($"Verified {report.Streams} streams, {report.Events} events, {report.Leaves} leaves in {report.Seconds:0.0} s " +
                          $"({report.EventsPerSecond:0} events/s): {report.Streams - report.Broken.Count} intact, {report.Broken.Count} broken.");
        Console.WriteLine(anchorFile is null ? "No checkpoint kept outside to hold the log against." : $"Held against {anchorFile}.");
        foreach (var result in report.Broken.Take(50))
            Console.WriteLine($"  {result.StreamId} version {result.FirstMismatch!.Version}: {result.FirstMismatch.Problem} — {result.FirstMismatch.Detail}");
        foreach (var problem in report.LogProblems) Console.WriteLine("  " + problem);
        return report.Intact;
    }
}
