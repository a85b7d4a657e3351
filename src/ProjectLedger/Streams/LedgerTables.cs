using Marten;
using Npgsql;

namespace ProjectLedger.Streams;

/// <summary>
/// The schema Marten keeps the ledger's tables in, as Marten's own options say. SQL that reads those
/// tables directly (audit, exports, as-of, projection lag) names them through this, not through the host's settings.
/// </summary>
public sealed class LedgerTables
{
    private readonly NpgsqlDataSource _dataSource;

    public LedgerTables(IDocumentStore store, NpgsqlDataSource dataSource) : this(store.Options.Events.DatabaseSchemaName, dataSource) { }

    private LedgerTables(string schema, NpgsqlDataSource dataSource)
    {
        Schema = schema;
        _dataSource = dataSource;
    }

    /// <summary>For tools that read a schema without opening a store (ops/bench).</summary>
    public static LedgerTables InSchema(string schema, NpgsqlDataSource dataSource) => new(schema, dataSource);

    public string Schema { get; }

    /// <summary>The sequence number of the newest event, 0 for an empty log (from the primary key index; Marten's statistics count every row).</summary>
    public async Task<long> EventLogHeadAsync(CancellationToken ct)
    {
        await using var command = _dataSource.CreateCommand($"select coalesce(max(seq_id), 0) from {Schema}.mt_events");
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }
}
