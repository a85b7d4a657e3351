using System.CommandLine;
using Npgsql;
using ProjectLedger.Hosting;

namespace ProjectLedger.Audit;

/// <summary>`audit [--write-digest DIR] [--check-digest FILE]`: verifies every stream's hash chain.</summary>
public sealed class AuditCommand : LedgerCommand
{
    private readonly Option<string?> _writeDigest = new("--write-digest")
    {
        Description = "Also write a signed digest of every stream's head hash into this folder (needs LEDGER_SIGNING_KEY)",
    };
    private readonly Option<string?> _checkDigest = new("--check-digest")
    {
        Description = "Check a digest file written earlier against the database (needs LEDGER_SIGNING_KEY)",
    };

    public AuditCommand()
    {
        Definition = new Command("audit", "Verify the hash chain of every stream; write or check a signed daily digest")
        {
            _writeDigest, _checkDigest,
        };
    }

    public override Command Definition { get; }

    public override async Task<int> RunAsync(ParseResult parsed, IServiceProvider services, CancellationToken ct)
    {
        var writeDigest = parsed.GetValue(_writeDigest);
        var checkDigest = parsed.GetValue(_checkDigest);
        if ((writeDigest ?? checkDigest) is not null && services.GetRequiredService<IConfiguration>()[LedgerCommandLine.EphemeralSigningKey] == "1")
            throw new CommandFailure("a digest is signed with LEDGER_SIGNING_KEY, which is not set", LedgerExit.Usage);
        if (checkDigest is not null && !File.Exists(checkDigest))
            throw new CommandFailure($"the digest file {checkDigest} does not exist", LedgerExit.Unavailable);

        var verifier = services.GetRequiredService<ChainVerifier>();
        var ledger = services.GetRequiredService<LedgerOptions>();
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        await services.GetRequiredService<LedgerSchema>().EnsureAsync(ct);

        var started = DateTime.UtcNow;
        var ids = new List<Guid>();
        await using (var command = dataSource.CreateCommand($"select id from {ledger.Schema}.mt_streams order by id"))
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) ids.Add(reader.GetGuid(0));

        long events = 0;
        var broken = new List<VerifyResult>();
        await LedgerProgress.RunAsync(async progress =>
        {
            var bar = progress.AddBar("Verifying streams", ids.Count);
            foreach (var id in ids)
            {
                var result = await verifier.VerifyAsync(id, ct);
                events += result.Events;
                if (!result.Intact) broken.Add(result);
                bar.Increment(1);
            }
            bar.StopTask();
            return true;
        });
        var seconds = (DateTime.UtcNow - started).TotalSeconds;
        Console.WriteLine($"Verified {ids.Count} streams, {events} events in {seconds:0.0} s: {ids.Count - broken.Count} intact, {broken.Count} broken.");
        foreach (var result in broken.Take(50))
            Console.WriteLine($"  {result.StreamId} version {result.FirstMismatch!.Version}: {result.FirstMismatch.Problem} — {result.FirstMismatch.Detail}");

        var digest = services.GetRequiredService<DailyDigest>();
        var ok = broken.Count == 0;
        if (writeDigest is not null)
            Console.WriteLine($"Digest written: {await digest.WriteAsync(writeDigest, ct)}");
        if (checkDigest is not null)
        {
            var check = await digest.CheckAsync(checkDigest, ct);
            Console.WriteLine(check.SignatureValid ? "Digest signature valid." : "Digest signature INVALID: the file was altered or signed with another key.");
            Console.WriteLine($"Digest covers {check.Streams} streams; {check.Problems.Count} differ from it.");
            foreach (var problem in check.Problems.Take(50)) Console.WriteLine("  " + problem);
            ok &= check.Passed;
        }
        return ok ? LedgerExit.Ok : LedgerExit.Failed;
    }
}
