using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using NpgsqlTypes;
using ProjectLedger.Audit.Log;
using ProjectLedger.Hosting;
using ProjectLedger.Streams;

namespace ProjectLedger.Audit;

/// <summary>A checkpoint the log signed and published: the parsed body, the signed note, when.</summary>
public sealed record PublishedCheckpoint(Checkpoint Checkpoint, string Note, DateTimeOffset SignedAt);

/// <summary>
/// The transparency log over the event log. One node at a time (a PostgreSQL advisory lock)
/// integrates: it takes in every event past the leaves it already holds, in commit order, as the
/// next dense leaf (Marten's sequence has gaps: a gap is watched for a minute in case a slower
/// transaction fills it, and such a late event takes the next leaf index), and at most once a
/// second signs a checkpoint, after checking it is consistent with the previous one. Every
/// checkpoint is also written to LEDGER_CHECKPOINT_DIR. At start-up the tree rebuilt from the
/// leaves must match the newest checkpoint in the database and in that folder; any inconsistency
/// stops publishing and turns /health unhealthy. Other nodes follow the leaves table.
/// </summary>
public sealed class TransparencyLog(NpgsqlDataSource dataSource, LedgerTables tables, LogOptions options, TimeProvider clock, ILogger<TransparencyLog> logger)
    : BackgroundService, IHealthCheck
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan CheckpointEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan GapPatience = TimeSpan.FromMinutes(1);
    private const int Batch = 5000;

    private SigningKey? _signingKey;
    private SigningKey Signer => _signingKey ??= options.CreateKey();
    private string CheckpointDir => options.CheckpointDir ?? throw new InvalidOperationException("LEDGER_CHECKPOINT_DIR is not set.");
    private readonly Dictionary<long, DateTimeOffset> _gaps = [];
    private long _maxSequence;
    private volatile PublishedCheckpoint? _latest;
    private volatile string? _halted;
    private volatile bool _ready;

    public MerkleTree Tree { get; } = new();
    public string Origin => options.Origin;
    public VerifierKey VerifierKey => Signer.Verifier;
    public PublishedCheckpoint? Latest => _latest;
    public string? Halted => _halted;
    private string Schema => tables.Schema;

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (!_ready) await StartUp(stop);
                _sweepDone = false;
                _sweptTo = 0;
                await using var lockConnection = await dataSource.OpenConnectionAsync(stop);
                var leader = await TryLead(lockConnection, stop);
                while (!stop.IsCancellationRequested && _halted is null)
                {
                    if (!leader) leader = await TryLead(lockConnection, stop);
                    if (leader)
                    {
                        var taken = await Integrate(stop);
                        await MaybePublish(stop);
                        if (taken < Batch) await Task.Delay(Poll, stop);
                    }
                    else
                    {
                        await Follow(stop);
                        await Task.Delay(Poll * 5, stop);
                    }
                }
                if (_halted is not null) await Task.Delay(Timeout.Infinite, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { return; }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException or InvalidOperationException)
            {
                logger.LogWarning("Transparency log waits for the database: {Message}", e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), stop).ContinueWith(_ => { }, CancellationToken.None);
            }
        }
    }

    private async Task<bool> TryLead(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("select pg_try_advisory_lock(hashtext($1))", connection)
            { Parameters = { new() { Value = Schema + ".transparency_log" } } };
        var leader = (bool)(await command.ExecuteScalarAsync(ct))!;
        if (leader) await Follow(ct);
        return leader;
    }

    /// <summary>Rebuild the tree from the leaves and hold it against the newest checkpoints in the database and the folder.</summary>
    private async Task StartUp(CancellationToken ct)
    {
        await Follow(ct);
        foreach (var (source, note) in await Anchors(ct))
        {
            if (Check(note, source) is { } problem)
            {
                Halt(problem);
                return;
            }
        }
        _ready = true;
        logger.LogInformation("Transparency log {Origin} holds {Size} leaves; checkpoints go to {Folder}", Origin, Tree.Size, CheckpointDir);
    }

    private string? Check(string note, string source)
    {
        var parsed = SignedNote.Parse(note, out var problem);
        var checkpoint = parsed is null ? null : Checkpoint.Parse(parsed.Body, out problem);
        if (parsed is null || checkpoint is null) return $"{source} is not a checkpoint: {problem}.";
        if (checkpoint.Origin != Origin || !VerifierKey.Verifies(parsed)) return null;
        if (checkpoint.TreeSize > Tree.Size)
            return $"{source} signed a tree of {checkpoint.TreeSize} leaves, but the database holds only {Tree.Size}: leaves were removed.";
        if (!Tree.Root(checkpoint.TreeSize).AsSpan().SequenceEqual(checkpoint.RootHash))
            return $"{source} signed another tree of {checkpoint.TreeSize} leaves than the database holds now: leaves were rewritten.";
        if (_latest is null || _latest.Checkpoint.TreeSize < checkpoint.TreeSize)
            _latest = new PublishedCheckpoint(checkpoint, note, clock.GetUtcNow());
        return null;
    }

    private async Task<List<(string Source, string Note)>> Anchors(CancellationToken ct)
    {
        var anchors = new List<(string, string)>();
        await using (var command = dataSource.CreateCommand($"select note, signed_at from {Schema}.{LogSchema.Checkpoints} order by tree_size desc limit 1"))
        await using (var reader = await command.ExecuteReaderAsync(ct))
            if (await reader.ReadAsync(ct)) anchors.Add(("The newest checkpoint in the database", reader.GetString(0)));
        if (Directory.Exists(CheckpointDir))
        {
            var newest = Directory.EnumerateFiles(CheckpointDir, "checkpoint.*")
                .Select(f => (File: f, Size: long.TryParse(Path.GetFileName(f)["checkpoint.".Length..], out var s) ? s : -1))
                .Where(f => f.Size >= 0).OrderByDescending(f => f.Size).FirstOrDefault();
            if (newest.File is not null) anchors.Add(($"The checkpoint kept in {newest.File}", await File.ReadAllTextAsync(newest.File, ct)));
        }
        return anchors;
    }

    /// <summary>Takes in leaves other nodes (or an earlier run) wrote past the tree's size.</summary>
    private async Task Follow(CancellationToken ct)
    {
        while (true)
        {
            var hashes = new List<byte[]>();
            await using (var command = dataSource.CreateCommand(
                $"select leaf_index, leaf_hash from {Schema}.{LogSchema.Leaves} where leaf_index >= $1 order by leaf_index limit 100000"))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = Tree.Size });
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct)) hashes.Add(reader.GetFieldValue<byte[]>(1));
            }
            if (hashes.Count == 0) break;
            Tree.Append(hashes);
        }
        if (!_ready) return;
        await using var latest = dataSource.CreateCommand($"select note, signed_at from {Schema}.{LogSchema.Checkpoints} order by tree_size desc limit 1");
        await using var rows = await latest.ExecuteReaderAsync(ct);
        if (await rows.ReadAsync(ct) && SignedNote.Parse(rows.GetString(0), out _) is { } note && Checkpoint.Parse(note.Body, out _) is { } checkpoint
            && checkpoint.TreeSize <= Tree.Size && (_latest is null || checkpoint.TreeSize > _latest.Checkpoint.TreeSize))
            _latest = new PublishedCheckpoint(checkpoint, rows.GetString(0), rows.GetFieldValue<DateTimeOffset>(1));
    }

    /// <summary>
    /// One batch of new events into leaves; returns how many rows it read. Until the first sweep is
    /// done (after start-up or a lost connection) it takes every event no leaf holds, by sequence;
    /// then the events past the highest sequence seen and those filling a watched gap.
    /// </summary>
    private async Task<int> Integrate(CancellationToken ct)
    {
        var expired = clock.GetUtcNow() - GapPatience;
        foreach (var gap in _gaps.Where(g => g.Value < expired).Select(g => g.Key).ToList()) _gaps.Remove(gap);

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = new List<(Guid Stream, StoredEvent Event)>();
        var sweeping = !_sweepDone;
        await using (var command = new NpgsqlCommand(sweeping
            ? $"""
              select stream_id, {ChainVerifier.EventColumns} from {Schema}.mt_events e
               where e.seq_id > $1 and e.stream_id <> '{Guid.Empty}'
                 and not exists (select 1 from {Schema}.{LogSchema.Leaves} l where l.seq_id = e.seq_id)
               order by e.seq_id limit {Batch}
              """
            // Two index ranges, not "seq_id > $1 or seq_id = any($2)": under a generic (prepared) plan
            // that OR walked the primary key from the first event on every poll.
            : $"""
              (select stream_id, {ChainVerifier.EventColumns} from {Schema}.mt_events e
                where e.seq_id > $1 order by e.seq_id limit {Batch})
              union all
              (select stream_id, {ChainVerifier.EventColumns} from {Schema}.mt_events e
                where e.seq_id = any($2))
              order by seq_id limit {Batch}
              """, connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = sweeping ? _sweptTo : _maxSequence });
            if (!sweeping) command.Parameters.Add(new NpgsqlParameter { Value = _gaps.Keys.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) rows.Add((reader.GetGuid(0), ChainVerifier.Read(reader, 1)));
        }
        if (sweeping)
        {
            if (rows.Count > 0) _sweptTo = rows[^1].Event.Sequence;
            if (rows.Count < Batch)
            {
                _sweepDone = true;
                await using var highest = new NpgsqlCommand($"select coalesce(max(seq_id), 0) from {Schema}.{LogSchema.Leaves}", connection);
                _maxSequence = Math.Max(_sweptTo, (long)(await highest.ExecuteScalarAsync(ct))!);
                _gaps.Clear();
            }
        }
        else
        {
            foreach (var (_, e) in rows) Seen(e.Sequence);
        }
        var leaves = rows.Where(r => r.Stream != Guid.Empty).ToList();
        if (leaves.Count == 0) return rows.Count;

        var first = Tree.Size;
        var hashes = leaves.Select(r => LeafForm.LeafHash(r.Event.Chained(r.Stream, r.Event.Version, r.Event.PreviousHash ?? ""))).ToArray();
        await using (var insert = new NpgsqlCommand($"""
            insert into {Schema}.{LogSchema.Leaves} (leaf_index, seq_id, stream_id, version, leaf_hash)
            select * from unnest($1::bigint[], $2::bigint[], $3::uuid[], $4::bigint[], $5::bytea[])
            """, connection))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = Enumerable.Range(0, leaves.Count).Select(i => first + i).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = leaves.Select(r => r.Event.Sequence).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = leaves.Select(r => r.Stream).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = leaves.Select(r => r.Event.Version).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = hashes });
            await insert.ExecuteNonQueryAsync(ct);
        }
        Tree.Append(hashes);
        return rows.Count;
    }

    private bool _sweepDone;
    private long _sweptTo;

    private void Seen(long sequence)
    {
        if (sequence > _maxSequence)
        {
            var now = clock.GetUtcNow();
            for (var missing = Math.Max(_maxSequence + 1, sequence - 1000); missing < sequence; missing++) _gaps.TryAdd(missing, now);
            _maxSequence = sequence;
        }
        _gaps.Remove(sequence);
    }

    /// <summary>A new checkpoint when the tree grew and a second has passed, checked consistent with the previous one first.</summary>
    private async Task MaybePublish(CancellationToken ct)
    {
        var size = Tree.Size;
        var previous = _latest;
        if (previous is not null && (previous.Checkpoint.TreeSize == size || clock.GetUtcNow() - previous.SignedAt < CheckpointEvery)) return;
        var root = Tree.Root(size);
        if (previous is not null)
        {
            var proof = Tree.ConsistencyProof(previous.Checkpoint.TreeSize, size);
            if (!Merkle.VerifyConsistency(previous.Checkpoint.TreeSize, size, previous.Checkpoint.RootHash, root, proof))
            {
                Halt($"The tree of {size} leaves is not consistent with the checkpoint of {previous.Checkpoint.TreeSize} leaves published before it.");
                return;
            }
        }
        var checkpoint = new Checkpoint(Origin, size, root);
        var note = Signer.Sign(checkpoint.Body);
        var signedAt = clock.GetUtcNow();
        await using (var insert = dataSource.CreateCommand(
            $"insert into {Schema}.{LogSchema.Checkpoints} (tree_size, root_hash, note, signed_at) values ($1, $2, $3, $4) on conflict (tree_size) do nothing"))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = size });
            insert.Parameters.Add(new NpgsqlParameter { Value = root });
            insert.Parameters.Add(new NpgsqlParameter { Value = note });
            insert.Parameters.Add(new NpgsqlParameter { Value = signedAt });
            await insert.ExecuteNonQueryAsync(ct);
        }
        Directory.CreateDirectory(CheckpointDir);
        var file = Path.Combine(CheckpointDir, $"checkpoint.{size}");
        await File.WriteAllTextAsync(file + ".tmp", note, ct);
        File.Move(file + ".tmp", file, overwrite: true);
        _latest = new PublishedCheckpoint(checkpoint, note, signedAt);
    }

    private void Halt(string problem)
    {
        _halted = problem;
        logger.LogCritical("Transparency log stopped publishing: {Problem}", problem);
    }

    /// <summary>The leaf of an event, by its sequence: its index and the stream it belongs to.</summary>
    public async Task<(long LeafIndex, Guid StreamId, byte[] LeafHash)?> LeafOf(long sequence, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"select leaf_index, stream_id, leaf_hash from {Schema}.{LogSchema.Leaves} where seq_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = sequence });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetInt64(0), reader.GetGuid(1), reader.GetFieldValue<byte[]>(2)) : null;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var data = new Dictionary<string, object> { ["treeSize"] = Tree.Size, ["checkpointSize"] = _latest?.Checkpoint.TreeSize ?? 0 };
        return Task.FromResult(_halted is { } problem
            ? HealthCheckResult.Unhealthy("The transparency log stopped publishing: " + problem, data: data)
            : HealthCheckResult.Healthy(_latest is null ? "no checkpoint yet" : $"checkpoint of {_latest.Checkpoint.TreeSize} leaves", data: data));
    }

    public override void Dispose()
    {
        _signingKey?.Dispose();
        base.Dispose();
    }
}
