using System.Diagnostics;
using Npgsql;
using ProjectLedger.Audit.Log;
using ProjectLedger.Hosting;

namespace ProjectLedger.Audit;

/// <summary>What a full verification found: counts, the broken streams, and problems of the log itself.</summary>
public sealed record FullReport(long Streams, long Events, long Leaves, long NotInLog, double Seconds, IReadOnlyList<VerifyResult> Broken, IReadOnlyList<string> LogProblems)
{
    public bool Intact => Broken.Count == 0 && LogProblems.Count == 0;
    public double EventsPerSecond => Events / Math.Max(Seconds, 1e-9);
}

/// <summary>
/// Verifies everything in two passes over the database: every stream's chain, recorded version and
/// leaves (ChainVerifier.Check), then the log: its leaves rebuilt into a tree must give the root of
/// the checkpoint kept outside (LEDGER_CHECKPOINT_DIR or a file an auditor holds). Events not in
/// the log yet are counted, not failed: the serving app takes them in (a log that is not running
/// cannot vouch for them, and says so).
/// </summary>
public sealed class FullVerification(NpgsqlDataSource dataSource, LedgerOptions ledger)
{
    public const string LogRewritten = "logRewritten";
    public const string LogShrunk = "logShrunk";

    public async Task<FullReport> RunAsync(string? anchorNote, VerifierKey? key, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var schema = ledger.Schema;
        await using var connection = await dataSource.OpenConnectionAsync(ct);

        var recorded = new Dictionary<Guid, long>();
        await using (var command = new NpgsqlCommand($"select id, version from {schema}.mt_streams", connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) recorded[reader.GetGuid(0)] = reader.GetInt64(1);

        // Every leaf, by index: the tree, and per stream what the log holds of it.
        var leafHashes = new List<byte[]>();
        var logged = new Dictionary<Guid, List<LoggedLeaf>>();
        await using (var command = new NpgsqlCommand($"select leaf_index, stream_id, version, leaf_hash from {schema}.{LogSchema.Leaves} order by leaf_index", connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
            {
                var leaf = new LoggedLeaf(reader.GetInt64(0), reader.GetInt64(2), reader.GetFieldValue<byte[]>(3));
                leafHashes.Add(leaf.LeafHash);
                var stream = reader.GetGuid(1);
                if (!logged.TryGetValue(stream, out var list)) logged[stream] = list = [];
                list.Add(leaf);
            }

        var broken = new List<VerifyResult>();
        var problems = new List<string>();
        long streams = 0, events = 0, unlogged = 0;
                var seen = new HashSet<Guid>();
        await using (var command = new NpgsqlCommand($"""
            select e.stream_id, {ChainVerifier.EventColumns.Replace("seq_id", "e.seq_id").Replace("version,", "e.version,")}, l.seq_id is not null
              from {schema}.mt_events e left join {schema}.{LogSchema.Leaves} l on l.seq_id = e.seq_id
             where e.stream_id <> '{Guid.Empty}'
             order by e.stream_id, e.version
            """, connection) { CommandTimeout = 0 })
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            var current = Guid.Empty;
            var rows = new List<StoredEvent>();
            void Finish()
            {
                if (rows.Count == 0) return;
                streams++;
                seen.Add(current);
                var result = ChainVerifier.Check(current, rows, recorded.GetValueOrDefault(current), logged.GetValueOrDefault(current) ?? []);
                if (!result.Intact) broken.Add(result);
                rows.Clear();
            }
            while (await reader.ReadAsync(ct))
            {
                var stream = reader.GetGuid(0);
                if (stream != current) { Finish(); current = stream; }
                var row = ChainVerifier.Read(reader, 1);
                rows.Add(row);
                events++;
                if (!reader.GetBoolean(14)) unlogged++;
            }
            Finish();
        }
        // Streams the log knows but the database lost entirely.
        foreach (var (stream, leaves) in logged.Where(l => !seen.Contains(l.Key)))
            broken.Add(ChainVerifier.Check(stream, [], recorded.GetValueOrDefault(stream), leaves));

        if (anchorNote is not null && key is not null) problems.AddRange(CheckAnchor(anchorNote, key, leafHashes));
        return new FullReport(streams, events, leafHashes.Count, unlogged, clock.Elapsed.TotalSeconds, broken, problems);
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
