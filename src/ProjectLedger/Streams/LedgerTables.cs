using Marten;

namespace ProjectLedger.Streams;

/// <summary>
/// The schema Marten keeps the ledger's tables in, as Marten's own options say. SQL that reads those
/// tables directly (audit, exports, as-of, projection lag) names them through this, not through the host's settings.
/// </summary>
public sealed class LedgerTables
{
    public LedgerTables(IDocumentStore store) : this(store.Options.Events.DatabaseSchemaName) { }

    private LedgerTables(string schema) => Schema = schema;

    /// <summary>For tools that read a schema without opening a store (ops/bench).</summary>
    public static LedgerTables InSchema(string schema) => new(schema);

    public string Schema { get; }
}
