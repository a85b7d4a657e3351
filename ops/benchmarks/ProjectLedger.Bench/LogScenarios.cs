using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using ProjectLedger.Audit;
using ProjectLedger.Audit.Log;
using ProjectLedger.Hosting;
using ProjectLedger.Security;

namespace ProjectLedger.Bench;

/// <summary>
/// The transparency log (`--only tlog`): a seeded event set taken in by a fresh app; integration lag
/// of HTTP commands at the command path's rate (acknowledged → leaf, and → signed checkpoint);
/// inclusion proof GET vs /health; the full verification (chains and log) of the whole set.
/// Size: BENCH_TLOG_EXPERIMENTS experiments of ~10 events (default 100,000, a tenth with --quick).
/// </summary>
public sealed class LogScenarios(BenchEnv env, Results results, NpgsqlDataSource data, EventRows rows)
{
    private const string Schema = "bench_tlog";
    private const string County = "helsinki";

    public async Task Run()
    {
        var clock = Stopwatch.StartNew();
        var experiments = int.TryParse(Environment.GetEnvironmentVariable("BENCH_TLOG_EXPERIMENTS"), out var n) ? n : env.Size(100_000);
        var streams = Dataset.Trim(Dataset.Demo(experiments, seed: 77), 10);
        var events = streams.Sum(s => s.Events.Count);
        results.Size("tlog_events", events);
        using var store = LedgerStore.Create(env.Db, Schema);
        await LedgerStore.Exec(data, $"drop schema if exists {Schema} cascade");
        await LedgerStore.EnsureSchema(store, data, Schema);
        foreach (var chunk in streams.Chunk(5_000))
            await rows.Copy(data, Schema, chunk.Select(s => (s.Id, s.AggregateAlias, s.Events)).ToList());
        await Dataset.Snapshots(store, streams);
        await LedgerStore.Exec(data, $"vacuum analyze {Schema}.mt_events");
        results.Timing("tlog: seed", clock.Elapsed.TotalSeconds);
        Log.Say($"tlog: {events} events seeded in {clock.Elapsed.TotalSeconds:0.0} s");

        var checkpoints = Path.Combine(env.OutDir, "tlog-checkpoints");
        if (Directory.Exists(checkpoints)) Directory.Delete(checkpoints, recursive: true);
        var started = Stopwatch.StartNew();
        await using var app = await AppProcess.Start(env, Schema, new Dictionary<string, string> { ["LEDGER_CHECKPOINT_DIR"] = checkpoints });
        using var anonymous = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        while (Size(await anonymous.GetStringAsync("/tlog/checkpoint")) < events) await Task.Delay(200);
        results.Bench("transparency log", "tlog_initial_integration_events_per_s", events / started.Elapsed.TotalSeconds, "events/s");
        Log.Say($"tlog: the app took in {events} events and signed them in {started.Elapsed.TotalSeconds:0.0} s");

        await Lag(app, anonymous);
        await ProofVsHealth(app);
        await FullVerification(anonymous);
        results.Timing("tlog", clock.Elapsed.TotalSeconds);
    }

    private static long Size(string checkpoint) => long.Parse(checkpoint.Split('\n')[1]);

    /// <summary>Open-loop proposals at half the closed-loop rate of 8 clients; each acknowledged experiment timed until its leaf and its checkpoint.</summary>
    private async Task Lag(AppProcess app, HttpClient anonymous)
    {
        var token = Tokens.Issue("bench-helsinki", Roles.ProjectOffice, County);
        using var http = Tokens.Client(app.BaseUrl, 32, token);
        var acked = new ConcurrentDictionary<Guid, double>();
        var clock = Stopwatch.StartNew();
        async Task<bool> Propose(int i)
        {
            using var response = await http.PostAsJsonAsync("/api/experiments", new
            {
                title = $"Lokikokeilu {i}", problem = "Integraation viive", county = County, themes = new[] { "bench-tlog" }, proposedByRole = "projektipäällikkö",
            });
            if (!response.IsSuccessStatusCode) return false;
            var id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
            acked[id] = clock.Elapsed.TotalMilliseconds;
            return true;
        }
        var closed = await Load.Closed(8, TimeSpan.FromSeconds(3), int.MaxValue, (w, i) => Propose(w * 1_000_000 + i), () => new CpuMeter(app.Pid, env.PostmasterPid));
        var rate = Math.Max(5, Math.Round(closed.PerSecond * 0.5));
        acked.Clear();

        // Watch the leaves and the checkpoints while the load runs.
        var leafSeen = new ConcurrentDictionary<Guid, (double At, long Index)>();
        var checkpointsSeen = new List<(double At, long Size)>();
        using var stop = new CancellationTokenSource();
        long next = await LedgerStore.Scalar(data, $"select coalesce(max(leaf_index), -1) + 1 from {Schema}.{LogSchema.Leaves}");
        var leafWatch = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await using (var command = data.CreateCommand($"select leaf_index, stream_id from {Schema}.{LogSchema.Leaves} where leaf_index >= $1 order by leaf_index"))
                {
                    command.Parameters.Add(new NpgsqlParameter { Value = next });
                    await using var reader = await command.ExecuteReaderAsync();
                    var now = clock.Elapsed.TotalMilliseconds;
                    while (await reader.ReadAsync())
                    {
                        next = reader.GetInt64(0) + 1;
                        leafSeen.TryAdd(reader.GetGuid(1), (now, reader.GetInt64(0)));
                    }
                }
                await Task.Delay(10);
            }
        });
        var checkpointWatch = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var size = Size(await anonymous.GetStringAsync("/tlog/checkpoint"));
                lock (checkpointsSeen) checkpointsSeen.Add((clock.Elapsed.TotalMilliseconds, size));
                await Task.Delay(20);
            }
        });
        var count = (int)(rate * 10);
        var open = await Load.Open(rate, count, Propose, () => new CpuMeter(app.Pid, env.PostmasterPid));
        var deadline = clock.Elapsed + TimeSpan.FromSeconds(15);
        while (clock.Elapsed < deadline && acked.Keys.Any(id => !leafSeen.ContainsKey(id))) await Task.Delay(50);
        await Task.Delay(1500);
        await stop.CancelAsync();
        await Task.WhenAll(leafWatch, checkpointWatch);

        var leafLag = acked.Where(a => leafSeen.ContainsKey(a.Key)).Select(a => Math.Max(0, leafSeen[a.Key].At - a.Value)).OrderBy(x => x).ToArray();
        var checkpointLag = acked.Where(a => leafSeen.ContainsKey(a.Key)).Select(a =>
        {
            var index = leafSeen[a.Key].Index;
            var covered = checkpointsSeen.FirstOrDefault(c => c.Size > index);
            return covered.Size > index ? Math.Max(0, covered.At - a.Value) : double.PositiveInfinity;
        }).OrderBy(x => x).ToArray();
        results.Bench("transparency log", "tlog_command_rate", rate, "commands/s");
        results.Bench("transparency log", "tlog_append_http_open_p99", open.P99, "ms");
        results.Bench("transparency log", "tlog_integration_lag_p50", Stats.Percentile(leafLag, 50), "ms");
        results.Bench("transparency log", "tlog_integration_lag_p99", Stats.Percentile(leafLag, 99), "ms");
        results.Bench("transparency log", "tlog_checkpoint_lag_p50", Stats.Percentile(checkpointLag, 50), "ms");
        results.Bench("transparency log", "tlog_checkpoint_lag_p99", Stats.Percentile(checkpointLag, 99), "ms");
        if (leafLag.Length < acked.Count) results.Note($"tlog: {acked.Count - leafLag.Length} of {acked.Count} acknowledged experiments were not seen as leaves within 15 s");
        results.Ratio("tlog_integration_lag_p99_vs_1s", Stats.Percentile(leafLag, 99) / 1000, "<= 1",
            $"p99 {Results.Fmt(Stats.Percentile(leafLag, 99))} ms acknowledged → leaf, at {Results.Fmt(rate)} commands/s; to a signed checkpoint p99 {Results.Fmt(Stats.Percentile(checkpointLag, 99))} ms");
    }

    /// <summary>Closed loop, 8 clients: GET an inclusion proof of a random event vs GET /health, alternating, three times.</summary>
    private async Task ProofVsHealth(AppProcess app)
    {
        var sequences = new List<long>();
        await using (var command = data.CreateCommand($"select seq_id from {Schema}.{LogSchema.Leaves} tablesample system (1) limit 2000"))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) sequences.Add(reader.GetInt64(0));
        using var http = Tokens.Client(app.BaseUrl, 8, Tokens.Issue("bench-auditor", Roles.Auditor, "*"));
        async Task<bool> Get(string url)
        {
            using var response = await http.GetAsync(url);
            await response.Content.CopyToAsync(Stream.Null);
            return response.IsSuccessStatusCode;
        }
        var random = new Random(5);
        Task<bool> Proof(int w, int i) => Get($"/api/audit/log/proof/inclusion?sequence={sequences[random.Next(sequences.Count)]}");
        Task<bool> Health(int w, int i) => Get("/health");
        var duration = TimeSpan.FromSeconds(env.Quick ? 1.5 : 3);
        CpuMeter Meter() => new(app.Pid, env.PostmasterPid);
        await Load.Closed(8, duration, int.MaxValue, Proof, Meter);
        await Load.Closed(8, duration, int.MaxValue, Health, Meter);
        var proof = new List<RunResult>();
        var health = new List<RunResult>();
        for (var rep = 0; rep < 3; rep++)
        {
            proof.Add(await Load.Closed(8, duration, int.MaxValue, Proof, Meter));
            health.Add(await Load.Closed(8, duration, int.MaxValue, Health, Meter));
        }
        var proofP99 = Stats.Median(proof.Select(r => r.P99));
        var healthP99 = Stats.Median(health.Select(r => r.P99));
        results.Bench("transparency log", "tlog_inclusion_proof_p99", proofP99, "ms");
        results.Bench("transparency log", "tlog_inclusion_proof_per_s", Stats.Median(proof.Select(r => r.PerSecond)), "req/s");
        results.Bench("transparency log", "tlog_health_p99", healthP99, "ms");
        if (proof.Sum(r => r.Failed) > 0) results.Note($"tlog: {proof.Sum(r => r.Failed)} inclusion proof GETs failed");
        results.Ratio("tlog_inclusion_proof_p99_vs_health_p99", proofP99 / healthP99, "<= 2",
            $"{Results.Fmt(proofP99)} vs {Results.Fmt(healthP99)} ms at 8 clients");
    }

    /// <summary>The audit command's work in this process: every chain, every leaf, the tree against the app's latest checkpoint.</summary>
    private async Task FullVerification(HttpClient anonymous)
    {
        var key = VerifierKey.Parse(await anonymous.GetStringAsync("/api/audit/log/key"), out var problem) ?? throw new InvalidOperationException(problem);
        var checkpoint = await anonymous.GetStringAsync("/api/audit/log/checkpoint");
        var verification = new ProjectLedger.Audit.FullVerification(data, ProjectLedger.Streams.LedgerTables.InSchema(Schema, data));
        var rates = new List<double>();
        for (var rep = 0; rep < (env.Quick ? 1 : 2); rep++)
        {
            var report = await verification.RunAsync(checkpoint, key, CancellationToken.None);
            if (!report.Intact) results.Note($"tlog: the full verification found {report.Broken.Count} broken streams and {report.LogProblems.Count} log problems");
            rates.Add(report.EventsPerSecond);
            Log.Say($"tlog: verified {report.Events} events, {report.Leaves} leaves in {report.Seconds:0.0} s");
        }
        var rate = Stats.Median(rates);
        results.Bench("transparency log", "tlog_full_verification_events_per_s", rate, "events/s");
        results.Ratio("tlog_full_verification_vs_100k_per_s", rate / 100_000, ">= 1", $"{Results.Fmt(rate)} events/s, chains and log");
    }
}
