using System.CommandLine;
using JasperFx;
using ProjectLedger.Audit;
using Wolverine.Runtime;

namespace ProjectLedger.Hosting;

/// <summary>`db-apply`: creates or updates the schema (tables, indexes, the audit trigger), Wolverine's message tables and the first session key; safe to repeat.</summary>
public sealed class SchemaCommand : LedgerCommand
{
    public override Command Definition { get; } = new("db-apply",
        "Create or update the database schema (tables, indexes, the audit hash-chain trigger); safe to run again. Run it before starting a new version");

    public override async Task<int> RunAsync(ParseResult parsed, IServiceProvider services, CancellationToken ct)
    {
        var ledger = services.GetRequiredService<LedgerOptions>();
        await services.GetRequiredService<LedgerSchema>().EnsureAsync(ct);
        // Marten's migration leaves out Wolverine's inbox, outbox and node tables; nodes no longer create them at start.
        await services.GetRequiredService<IWolverineRuntime>().Storage.Admin.MigrateAsync(AutoCreate.CreateOrUpdate);
        Security.SharedKeyRing.EnsureKey(services);
        Console.WriteLine($"Schema {ledger.Schema} is up to date in {LedgerCommandLine.Where(ledger)}.");
        return LedgerExit.Ok;
    }
}
