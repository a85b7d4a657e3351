using Npgsql;
using ProjectLedger.Audit.Log;
using ProjectLedger.Hosting;
using ProjectLedger.Streams;

namespace ProjectLedger.Audit;

public sealed record Mismatch(long Version, string Problem, string Detail);

public sealed record VerifyResult(Guid StreamId, bool Intact, long Events, string? HeadHash, Mismatch? FirstMismatch);

/// <summary>One stored event as the chain and the log see it.</summary>
public sealed record StoredEvent(
    long Sequence, long Version, string Type, DateTimeOffset Timestamp, string Data, string? CorrelationId,
    string? UserId, string? Role, string? Reason, string? Hash, string? PreviousHash, int Scheme, string? MetadataHash)
{
    public ChainedEvent Chained(Guid streamId, long version, string previousHash) =>
        new(streamId, version, Type, Timestamp, Data, CorrelationId, UserId, Role, Reason, previousHash);

    public string Recompute(Guid streamId, string previousHash) => HashChain.Compute(Scheme, Chained(streamId, Version, previousHash));
}

/// <summary>
/// Recomputes a stream's hash chain from the stored columns, in C#, independent of the database's
/// trigger, and holds the stream against the transparency log. Names the first version that does
/// not match: its data or its metadata changed, an event is missing (a gap, the stream's recorded
/// version is ahead of its events, or the log holds more of the stream than the database), the
/// order changed (the event's content belongs at another version), or the event differs from the
/// one the log took in (the chain was recomputed around a change).
/// </summary>
public sealed class ChainVerifier(NpgsqlDataSource dataSource, LedgerTables tables)
{
    public const string DataChanged = "dataChanged";
    public const string MetadataChanged = "metadataChanged";
    public const string EventMissing = "eventMissing";
    public const string StreamTruncated = "streamTruncated";
    public const string StreamDeleted = "streamDeleted";
    public const string OrderChanged = "orderChanged";
    public const string DiffersFromLog = "differsFromLog";

    public const string EventColumns = """
        seq_id, version, type, timestamp, data::text, correlation_id, headers ->> 'userId', headers ->> 'role', headers ->> 'reason',
        headers ->> 'hash', headers ->> 'previousHash', headers ->> 'hashScheme', headers ->> 'metadataHash'
        """;

    public static StoredEvent Read(NpgsqlDataReader reader, int first = 0) => new(
        reader.GetInt64(first), reader.GetInt64(first + 1), reader.GetString(first + 2), reader.GetFieldValue<DateTimeOffset>(first + 3),
        reader.GetString(first + 4), Text(reader, first + 5), Text(reader, first + 6), Text(reader, first + 7), Text(reader, first + 8),
        Text(reader, first + 9), Text(reader, first + 10), Text(reader, first + 11) is { } scheme ? int.Parse(scheme) : 1, Text(reader, first + 12));

    private static string? Text(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    /// <summary>Verifies the whole stream: its chain, its recorded version, and what the log holds of it.</summary>
    public async Task<VerifyResult> VerifyAsync(Guid streamId, CancellationToken ct)
    {
        var (rows, recordedVersion, logged) = await Load(streamId, ct);
        return Check(streamId, rows, recordedVersion, logged);
    }

    /// <summary>The pure check, shared by the stream verify and the full verification.</summary>
    public static VerifyResult Check(Guid streamId, IReadOnlyList<StoredEvent> rows, long recordedVersion, IReadOnlyList<LoggedLeaf> logged)
    {
        var previous = "";
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var expectedVersion = i + 1L;
            if (row.Version != expectedVersion)
                return Broken(streamId, rows.Count, new Mismatch(expectedVersion, EventMissing,
                    $"Version {expectedVersion} is missing: the history jumps from {expectedVersion - 1} to {row.Version}."));
            if (row.Recompute(streamId, previous) != row.Hash)
                return Broken(streamId, rows.Count, Explain(streamId, rows, i, previous));
            previous = row.Hash!;
        }
        if (recordedVersion > rows.Count)
            return Broken(streamId, rows.Count, new Mismatch(rows.Count + 1, EventMissing,
                $"The stream records version {recordedVersion} but only {rows.Count} events remain."));
        if (CheckAgainstLog(streamId, rows, recordedVersion, logged) is { } differs) return Broken(streamId, rows.Count, differs);
        return new VerifyResult(streamId, true, rows.Count, rows.Count == 0 ? null : previous, null);
    }

    private static Mismatch? CheckAgainstLog(Guid streamId, IReadOnlyList<StoredEvent> rows, long recordedVersion, IReadOnlyList<LoggedLeaf> logged)
    {
        foreach (var leaf in logged)
        {
            if (leaf.Version > rows.Count)
                return rows.Count == 0 && recordedVersion == 0
                    ? new Mismatch(leaf.Version, StreamDeleted,
                        $"The stream is gone from the database, but the transparency log took in its version {leaf.Version} as leaf {leaf.LeafIndex}.")
                    : new Mismatch(leaf.Version, StreamTruncated,
                        $"The transparency log took in version {leaf.Version} as leaf {leaf.LeafIndex}, but the stream now ends at version {rows.Count}.");
            var row = rows[(int)leaf.Version - 1];
            if (!LeafForm.LeafHash(row.Chained(streamId, row.Version, row.PreviousHash ?? "")).AsSpan().SequenceEqual(leaf.LeafHash))
                return new Mismatch(leaf.Version, DiffersFromLog,
                    $"Version {leaf.Version} ({row.Type}) is not the event the transparency log took in as leaf {leaf.LeafIndex}: the history was rewritten and its hashes recomputed.");
        }
        return null;
    }

    private static Mismatch Explain(Guid streamId, IReadOnlyList<StoredEvent> rows, int index, string expectedPrevious)
    {
        var row = rows[index];
        // The event's own content still hashes to its stored hash at another version: it was moved.
        foreach (var other in rows)
        {
            if (other.Version == row.Version) continue;
            if (HashChain.Compute(row.Scheme, row.Chained(streamId, other.Version, other.PreviousHash ?? "")) == other.Hash ||
                HashChain.Compute(row.Scheme, row.Chained(streamId, other.Version, row.PreviousHash ?? "")) == row.Hash)
                return new Mismatch(row.Version, OrderChanged,
                    $"The event stored at version {row.Version} ({row.Type}) belongs at version {other.Version}: the order was changed.");
        }
        if (row.Hash is null)
            return new Mismatch(row.Version, DataChanged, $"Version {row.Version} carries no hash: it was not appended through the ledger.");
        if (row.PreviousHash != expectedPrevious)
            return new Mismatch(row.Version, DataChanged, $"Version {row.Version} does not chain to the event before it.");
        if (row.Scheme >= 2 && row.MetadataHash != HashChain.MetadataHash(row.CorrelationId, row.UserId, row.Role, row.Reason))
            return new Mismatch(row.Version, MetadataChanged,
                $"Version {row.Version} ({row.Type}) no longer matches its hash: who appended it, in which role, under which correlation id or for what reason was changed after it was appended.");
        return new Mismatch(row.Version, DataChanged,
            $"Version {row.Version} ({row.Type}) no longer matches its hash: its data, type or timestamp was changed after it was appended.");
    }

    private static VerifyResult Broken(Guid streamId, long events, Mismatch mismatch) => new(streamId, false, events, null, mismatch);

    private async Task<(List<StoredEvent> Rows, long RecordedVersion, List<LoggedLeaf> Logged)> Load(Guid streamId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand($"select {EventColumns} from {tables.Schema}.mt_events where stream_id = $1 order by version")
                    { Parameters = { new() { Value = streamId } } },
                new NpgsqlBatchCommand($"select version from {tables.Schema}.mt_streams where id = $1")
                    { Parameters = { new() { Value = streamId } } },
                new NpgsqlBatchCommand($"select leaf_index, version, leaf_hash from {tables.Schema}.{LogSchema.Leaves} where stream_id = $1 order by version")
                    { Parameters = { new() { Value = streamId } } },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(ct);
        var rows = new List<StoredEvent>();
        while (await reader.ReadAsync(ct)) rows.Add(Read(reader));
        await reader.NextResultAsync(ct);
        var recorded = await reader.ReadAsync(ct) ? reader.GetInt64(0) : 0;
        await reader.NextResultAsync(ct);
        var logged = new List<LoggedLeaf>();
        while (await reader.ReadAsync(ct)) logged.Add(new LoggedLeaf(reader.GetInt64(0), reader.GetInt64(1), reader.GetFieldValue<byte[]>(2)));
        return (rows, recorded, logged);
    }
}

public sealed record LoggedLeaf(long LeafIndex, long Version, byte[] LeafHash);
