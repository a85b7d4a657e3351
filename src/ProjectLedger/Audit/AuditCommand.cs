using JasperFx;
using JasperFx.CommandLine;
using Npgsql;
using ProjectLedger.Hosting;

namespace ProjectLedger.Audit;

public class AuditInput : NetCoreInput
{
    [Description("Also write a signed digest of every stream's head hash into this folder")]
    public string? WriteDigestFlag { get; set; }

    [Description("Check a digest file written earlier against the database")]
    public string? CheckDigestFlag { get; set; }
}

/// <summary>dotnet ProjectLedger.dll audit [--write-digest DIR] [--check-digest FILE]: verifies every stream's hash chain.</summary>
[Description("Verifies the hash chain of every stream; writes or checks a signed daily digest")]
public class AuditCommand : JasperFxAsyncCommand<AuditInput>
{
    public override async Task<bool> Execute(AuditInput input)
    {
        using var host = input.BuildHost();
        var services = host.Services;
        var verifier = services.GetRequiredService<ChainVerifier>();
        var ledger = services.GetRequiredService<LedgerOptions>();
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        await services.GetRequiredService<LedgerSchema>().EnsureAsync(CancellationToken.None);

        var started = DateTime.UtcNow;
        long streams = 0, events = 0;
        var broken = new List<VerifyResult>();
        await using (var command = dataSource.CreateCommand($"select id from {ledger.Schema}.mt_streams order by id"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            var ids = new List<Guid>();
            while (await reader.ReadAsync()) ids.Add(reader.GetGuid(0));
            foreach (var id in ids)
            {
                var result = await verifier.VerifyAsync(id, CancellationToken.None);
                streams++;
                events += result.Events;
                if (!result.Intact) broken.Add(result);
            }
        }
        var seconds = (DateTime.UtcNow - started).TotalSeconds;
        Console.WriteLine($"Verified {streams} streams, {events} events in {seconds:0.0} s: {streams - broken.Count} intact, {broken.Count} broken.");
        foreach (var result in broken.Take(50))
            Console.WriteLine($"  {result.StreamId} version {result.FirstMismatch!.Version}: {result.FirstMismatch.Problem} — {result.FirstMismatch.Detail}");

        var digest = services.GetRequiredService<DailyDigest>();
        var ok = broken.Count == 0;
        if (input.WriteDigestFlag is { } folder)
            Console.WriteLine($"Digest written: {await digest.WriteAsync(folder, CancellationToken.None)}");
        if (input.CheckDigestFlag is { } file)
        {
            var check = await digest.CheckAsync(file, CancellationToken.None);
            Console.WriteLine(check.SignatureValid ? "Digest signature valid." : "Digest signature INVALID: the file was altered or signed with another key.");
            Console.WriteLine($"Digest covers {check.Streams} streams; {check.Problems.Count} differ from it.");
            foreach (var problem in check.Problems.Take(50)) Console.WriteLine("  " + problem);
            ok &= check.Passed;
        }
        return ok;
    }
}
