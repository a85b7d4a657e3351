using System.CommandLine;
using ProjectLedger.Audit;

namespace ProjectLedger.Hosting;

/// <summary>`db-apply`: creates or updates the schema (tables, indexes, the audit trigger) and the first session key; safe to repeat.</summary>
public sealed class SchemaCommand : LedgerCommand
{
    public override Command Definition { get; } = new("db-apply",
        "Create or update the database schema (tables, indexes, the audit hash-chain trigger); safe to run again. Run it before starting a new version");

    public override async Task<int> RunAsync(ParseResult parsed, IServiceProvider services, CancellationToken ct)
    {
        var ledger = services.GetRequiredService<LedgerOptions>();
        await services.GetRequiredService<LedgerSchema>().EnsureAsync(ct);
        Security.SharedKeyRing.EnsureKey(services);
        Console.WriteLine($"Schema {ledger.Schema} is up to date in {LedgerCommandLine.Where(ledger)}.");
        return LedgerExit.Ok;
    }
}
