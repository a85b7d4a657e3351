using Marten;

namespace ProjectLedger.Streams;

/// <summary>
/// The schema Marten keeps the ledger's tables in, as Marten's own options say. SQL that reads those
/// tables directly (audit, exports, as-of, projection lag) names them through this, not through the host's settings.
/// </summary>
public sealed class LedgerTables(IDocumentStore store)
{
    public string Schema { get; } = store.Options.Events.DatabaseSchemaName;
}
