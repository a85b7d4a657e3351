using Npgsql;
using ProjectLedger.Hosting;

namespace ProjectLedger.Audit;

public sealed record Mismatch(long Version, string Problem, string Detail);

public sealed record VerifyResult(Guid StreamId, bool Intact, long Events, string? HeadHash, Mismatch? FirstMismatch);

/// <summary>
/// Recomputes a stream's hash chain from the stored columns, in C#, independent of the database's
/// trigger. Names the first version that does not match: its data (or metadata hash) changed, an
/// event is missing (a gap, or the stream's recorded version is ahead of its events), or the order
/// changed (the event's content belongs at another version).
/// </summary>
public sealed class ChainVerifier(NpgsqlDataSource dataSource, LedgerOptions ledger)
{
    public const string DataChanged = "dataChanged";
    public const string EventMissing = "eventMissing";
    public const string OrderChanged = "orderChanged";

    private sealed record Row(long Version, string Type, DateTimeOffset Timestamp, string Data, string? Hash, string? PreviousHash);

    /// <summary>Verifies the whole stream, or only its first upToVersion events (as a digest saw it).</summary>
    public async Task<VerifyResult> VerifyAsync(Guid streamId, CancellationToken ct, long? upToVersion = null)
    {
        var (rows, recordedVersion) = await Load(streamId, ct);
        if (upToVersion is { } limit)
        {
            rows = rows.Where(r => r.Version <= limit).ToList();
            recordedVersion = Math.Min(recordedVersion, limit);
        }
        var previous = "";
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var expectedVersion = i + 1L;
            if (row.Version != expectedVersion)
                return Broken(streamId, rows.Count, new Mismatch(expectedVersion, EventMissing,
                    $"Version {expectedVersion} is missing: the history jumps from {expectedVersion - 1} to {row.Version}."));
            var recomputed = HashChain.Compute(streamId, row.Version, row.Type, row.Timestamp, row.Data, previous);
            if (recomputed != row.Hash)
                return Broken(streamId, rows.Count, Explain(streamId, rows, i, previous));
            previous = row.Hash!;
        }
        if (recordedVersion > rows.Count)
            return Broken(streamId, rows.Count, new Mismatch(rows.Count + 1, EventMissing,
                $"The stream records version {recordedVersion} but only {rows.Count} events remain."));
        return new VerifyResult(streamId, true, rows.Count, rows.Count == 0 ? null : previous, null);
    }

    private static Mismatch Explain(Guid streamId, IReadOnlyList<Row> rows, int index, string expectedPrevious)
    {
        var row = rows[index];
        // The event's own content still hashes to its stored hash at another version: it was moved.
        foreach (var other in rows)
        {
            if (other.Version == row.Version) continue;
            if (HashChain.Compute(streamId, other.Version, row.Type, row.Timestamp, row.Data, other.PreviousHash ?? "") == other.Hash ||
                HashChain.Compute(streamId, other.Version, row.Type, row.Timestamp, row.Data, row.PreviousHash ?? "") == row.Hash)
                return new Mismatch(row.Version, OrderChanged,
                    $"The event stored at version {row.Version} ({row.Type}) belongs at version {other.Version}: the order was changed.");
        }
        if (row.Hash is null)
            return new Mismatch(row.Version, DataChanged, $"Version {row.Version} carries no hash: it was not appended through the ledger.");
        if (row.PreviousHash != expectedPrevious)
            return new Mismatch(row.Version, DataChanged, $"Version {row.Version} does not chain to the event before it.");
        return new Mismatch(row.Version, DataChanged,
            $"Version {row.Version} ({row.Type}) no longer matches its hash: its data, type or timestamp was changed after it was appended.");
    }

    private static VerifyResult Broken(Guid streamId, long events, Mismatch mismatch) => new(streamId, false, events, null, mismatch);

    private async Task<(List<Row> Rows, long RecordedVersion)> Load(Guid streamId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand($"""
                    select version, type, timestamp, data::text, headers ->> 'hash', headers ->> 'previousHash'
                      from {ledger.Schema}.mt_events where stream_id = $1 order by version
                    """) { Parameters = { new() { Value = streamId } } },
                new NpgsqlBatchCommand($"select version from {ledger.Schema}.mt_streams where id = $1")
                    { Parameters = { new() { Value = streamId } } },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(ct);
        var rows = new List<Row>();
        while (await reader.ReadAsync(ct))
            rows.Add(new Row(reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
        await reader.NextResultAsync(ct);
        var recorded = await reader.ReadAsync(ct) ? reader.GetInt64(0) : 0;
        return (rows, recorded);
    }
}
