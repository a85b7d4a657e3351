using System.Diagnostics;
using System.Security.Cryptography;
using Npgsql;
using ProjectLedger.Audit.Log;
using ProjectLedger.Hosting;
using ProjectLedger.Streams;

namespace ProjectLedger.Audit;

/// <summary>What a full verification found: counts, the broken streams, and problems of the log itself.</summary>
public sealed record FullReport(long Streams, long Events, long Leaves, long NotInLog, double Seconds, IReadOnlyList<VerifyResult> Broken, IReadOnlyList<string> LogProblems)
{
    public bool Intact => Broken.Count == 0 && LogProblems.Count == 0;
    public double EventsPerSecond => Events / Math.Max(Seconds, 1e-9);
}

/// <summary>
/// Verifies everything in one pass over the events in sequence order, each beside its leaf (a merge
/// join on the sequence): every chain link, every leaf hash, every stream's recorded version. A
/// stream where anything is off is then verified on its own (ChainVerifier) to name the first
/// version that does not match; leaves whose event is gone mark their stream too. Then the log:
/// its leaves must give the root of the checkpoint kept outside (LEDGER_CHECKPOINT_DIR or a file
/// an auditor holds). Events not in the log yet are counted, not failed: the serving app takes
/// them in (a log that is not running cannot vouch for them, and says so).
/// </summary>
public sealed class FullVerification(NpgsqlDataSource dataSource, LedgerTables tables)
{
    public const string LogRewritten = "logRewritten";
    public const string LogShrunk = "logShrunk";

    private struct Head
    {
        public long Version;
        public string Hash;
    }

    public async Task<FullReport> RunAsync(string? anchorNote, VerifierKey? key, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var schema = tables.Schema;
        await using var connection = await dataSource.OpenConnectionAsync(ct);

        var recorded = new Dictionary<Guid, long>();
        await using (var command = new NpgsqlCommand($"select id, version from {schema}.mt_streams", connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) recorded[reader.GetGuid(0)] = reader.GetInt64(1);
        long leafCount;
        await using (var command = new NpgsqlCommand($"select coalesce(max(leaf_index), -1) + 1 from {schema}.{LogSchema.Leaves}", connection))
            leafCount = (long)(await command.ExecuteScalarAsync(ct))!;

        var leafHashes = new byte[leafCount][];
        var heads = new Dictionary<Guid, Head>();
        var suspicious = new HashSet<Guid>();
        var buffer = new ArrayBufferWriterLite(4096);
        var hash = new byte[32];
        long events = 0, unlogged = 0;
        // The leaf's columns renamed, so that the event's (ChainVerifier.EventColumns) need no table name.
        await using (var command = new NpgsqlCommand($"""
            select e.stream_id, {ChainVerifier.EventColumns}, l.leaf_index, l.leaf_stream, l.leaf_version, l.leaf_hash
              from {schema}.mt_events e
              left join (select seq_id leaf_seq, leaf_index, stream_id leaf_stream, version leaf_version, leaf_hash
                           from {schema}.{LogSchema.Leaves}) l on l.leaf_seq = e.seq_id
             where e.stream_id <> '{Guid.Empty}'
             order by e.seq_id
            """, connection) { CommandTimeout = 0 })
        await using (var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var stream = reader.GetGuid(0);
                var row = ChainVerifier.Read(reader, 1);
                long? leafIndex = reader.IsDBNull(14) ? null : reader.GetInt64(14);
                Guid? leafStream = reader.IsDBNull(15) ? null : reader.GetGuid(15);
                long? leafVersion = reader.IsDBNull(16) ? null : reader.GetInt64(16);
                var leafHash = reader.IsDBNull(17) ? null : reader.GetFieldValue<byte[]>(17);
                events++;
                if (leafIndex is { } index && index < leafCount) leafHashes[index] = leafHash!;
                else unlogged++;
                if (suspicious.Contains(stream)) continue;

                var head = heads.TryGetValue(stream, out var h) ? h : new Head { Version = 0, Hash = "" };
                var chained = row.Chained(stream, row.Version, row.PreviousHash ?? "");
                buffer.Reset();
                buffer.WriteByte(0);
                HashChain.WriteCanonical(buffer, chained);
                var intact = row.Version == head.Version + 1 && row.PreviousHash == head.Hash && row.Hash is not null;
                if (intact)
                {
                    if (row.Scheme >= 2)
                    {
                        SHA256.HashData(buffer.Span[1..], hash);
                        intact = Convert.ToHexStringLower(hash) == row.Hash;
                    }
                    else
                    {
                        intact = HashChain.ComputeV1(stream, row.Version, row.Type, row.Timestamp, row.Data, head.Hash) == row.Hash;
                    }
                }
                if (intact && leafHash is not null)
                {
                    SHA256.HashData(buffer.Span, hash);
                    intact = leafStream == stream && leafVersion == row.Version && hash.AsSpan().SequenceEqual(leafHash);
                }
                if (!intact) suspicious.Add(stream);
                else heads[stream] = new Head { Version = row.Version, Hash = row.Hash! };
            }
        }
        foreach (var (stream, head) in heads)
            if (recorded.GetValueOrDefault(stream) != head.Version) suspicious.Add(stream);

        // Leaves whose event is gone (deleted events, or whole streams): the pass above filled the slot of
        // every leaf whose event is there, so only an empty slot can hold one.
        var empty = Enumerable.Range(0, leafHashes.Length).Where(i => leafHashes[i] is null).Select(i => (long)i).ToArray();
        if (empty.Length > 0)
        {
            await using var command = new NpgsqlCommand($"""
                select l.leaf_index, l.stream_id, l.leaf_hash from {schema}.{LogSchema.Leaves} l
                 where l.leaf_index = any($1) and not exists (select 1 from {schema}.mt_events e where e.seq_id = l.seq_id)
                """, connection) { CommandTimeout = 0, Parameters = { new() { Value = empty } } };
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                leafHashes[reader.GetInt64(0)] = reader.GetFieldValue<byte[]>(2);
                suspicious.Add(reader.GetGuid(1));
            }
        }

        var verifier = new ChainVerifier(dataSource, tables);
        var broken = new List<VerifyResult>();
        foreach (var stream in suspicious)
        {
            var result = await verifier.VerifyAsync(stream, ct);
            if (!result.Intact) broken.Add(result);
        }
        var problems = new List<string>();
        var missing = leafHashes.Count(l => l is null);
        if (missing > 0) problems.Add($"{LogShrunk}: {missing} leaf indexes below {leafCount} hold no leaf: leaves were deleted from the log.");
        else if (anchorNote is not null && key is not null) problems.AddRange(CheckAnchor(anchorNote, key, leafHashes));
        var streams = heads.Count + suspicious.Count(s => !heads.ContainsKey(s));
        return new FullReport(streams, events, leafCount, unlogged, clock.Elapsed.TotalSeconds, broken, problems);
    }

    /// <summary>The checkpoint kept outside must be signed by the log key and be the root of the first leaves now stored.</summary>
    public static IEnumerable<string> CheckAnchor(string anchorNote, VerifierKey key, IReadOnlyList<byte[]> leafHashes)
    {
        var note = SignedNote.Parse(anchorNote, out var problem);
        var checkpoint = note is null ? null : Checkpoint.Parse(note.Body, out problem);
        if (note is null || checkpoint is null) { yield return $"The checkpoint kept outside is not one: {problem}."; yield break; }
        if (!key.Verifies(note)) { yield return $"The checkpoint kept outside is not signed by {key.Name}."; yield break; }
        if (checkpoint.TreeSize > leafHashes.Count)
        {
            yield return $"{LogShrunk}: the checkpoint kept outside signed {checkpoint.TreeSize} leaves; the database holds {leafHashes.Count}.";
            yield break;
        }
        var root = Merkle.Root(leafHashes.Take((int)checkpoint.TreeSize).ToList());
        if (!root.AsSpan().SequenceEqual(checkpoint.RootHash))
            yield return $"{LogRewritten}: the first {checkpoint.TreeSize} leaves no longer give the root the checkpoint kept outside signed: the history was rewritten, hashes and all.";
    }

    /// <summary>The newest checkpoint file in a folder (LEDGER_CHECKPOINT_DIR), if any.</summary>
    public static string? NewestCheckpointFile(string folder) => !Directory.Exists(folder) ? null
        : Directory.EnumerateFiles(folder, "checkpoint.*")
            .Select(f => (File: f, Size: long.TryParse(Path.GetFileName(f)["checkpoint.".Length..], out var s) ? s : -1))
            .Where(f => f.Size >= 0).OrderByDescending(f => f.Size).Select(f => f.File).FirstOrDefault();
}
