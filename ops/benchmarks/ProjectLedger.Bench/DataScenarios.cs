using System.Diagnostics;
using System.Net;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using Marten;
using Npgsql;
using NpgsqlTypes;
using ProjectLedger.Dashboards;
using ProjectLedger.Experiments;
using ProjectLedger.Security;

namespace ProjectLedger.Bench;

/// <summary>
/// Bulk import (Marten bulk append vs a plain COPY of identical rows), the big data set (100,000
/// experiments from the demo generator), projection rebuild vs an in-memory ceiling, then with the
/// app on the big set: dashboard and list reads vs /health, as-of vs select-and-fold, verify, export.
/// </summary>
public sealed class DataScenarios(BenchEnv env, Results results, NpgsqlDataSource data, EventRows rows)
{
    private const string Big = "bench_big";
    private static readonly ExperimentProjection Fold = new();

    public async Task Run(Func<string, bool> on)
    {
        var clock = Stopwatch.StartNew();
        var experiments = env.Size(100_000);
        // 100,000 experiments and 1,000,000 events (the issue's sizes): the demo's streams cut to 10 events on average.
        var streams = Dataset.Trim(Dataset.Demo(experiments, seed: 4242), 10);
        var longs = new[] { 10, 100, 1_000, 10_000 }.Select((n, i) => Dataset.Long(n, "helsinki", 900 + i)).ToList();
        var eventCount = streams.Sum(s => s.Events.Count);
        results.Size("experiments", streams.Count(s => s.AggregateAlias == Dataset.ExperimentAlias));
        results.Size("events", eventCount);
        results.Timing("generate demo data", clock.Elapsed.TotalSeconds);
        Log.Say($"generated {streams.Count} streams, {eventCount} events in {clock.Elapsed.TotalSeconds:0.0} s");

        if (on("bulk")) await Bulk(streams);

        // The big set: everything through Marten's bulk append, plus the inline snapshots it does not write.
        using var store = LedgerStore.Create(env.Db, Big);
        clock.Restart();
        await LedgerStore.Exec(data, $"drop schema if exists {Big} cascade");
        await LedgerStore.EnsureSchema(store, data, Big);
        await Dataset.MartenBulk(store, [.. streams, .. longs]);
        var loadSeconds = clock.Elapsed.TotalSeconds;
        results.Bench("bulk import", "bulk_marten_big_set_events_per_s", (eventCount + longs.Sum(l => l.Events.Count)) / loadSeconds, "events/s");
        clock.Restart();
        await Dataset.Snapshots(store, [.. streams, .. longs]);
        foreach (var table in new[] { "mt_events", "mt_streams", "mt_doc_experiment", "mt_doc_project" })
            await LedgerStore.Exec(data, $"vacuum analyze {Big}.{table}");
        results.Timing("big set: load events", loadSeconds);
        results.Timing("big set: snapshots + analyze", clock.Elapsed.TotalSeconds);

        if (on("portfolio"))
        {
            // The dated dashboard snapshots that the projection node's keeper stores, built here in one pass
            // so the as-of reads below start from them (the app's keeper then finds nothing to do).
            clock.Restart();
            var tables = ProjectLedger.Streams.LedgerTables.InSchema(Big, data);
            var stored = await new DashboardSnapshots(new ExperimentEventRows(data, store, tables), tables, store, TimeProvider.System).Advance(CancellationToken.None);
            await LedgerStore.Exec(data, $"vacuum analyze {Big}.mt_doc_dashboardsnapshot");
            results.Bench("portfolio", "dated_snapshots_build_seconds", clock.Elapsed.TotalSeconds, "s");
            results.Bench("portfolio", "dated_snapshots_stored", stored, "documents");
            results.Timing("big set: dated dashboard snapshots", clock.Elapsed.TotalSeconds);
        }

        if (on("rebuild") || on("reads")) await Rebuild(store, on("rebuild"));

        if (on("reads") || on("asof") || on("export") || on("portfolio"))
        {
            await using (var app = await AppProcess.Start(env, Big))
            {
                if (on("reads")) await Reads(app);
                if (on("asof")) await AsOf(app, longs);
                if (on("portfolio")) await Portfolio(app);
            }
            // The national experiments list as CSV and XLSX, each on a fresh app: its peak is the export's.
            if (on("portfolio"))
                foreach (var format in new[] { "csv", "xlsx" })
                {
                    await using var app = await AppProcess.Start(env, Big);
                    await ListExport(app, format);
                }
            // A fresh app for the export, so its memory is the export's and not what the reads left behind.
            if (on("export"))
            {
                await using var app = await AppProcess.Start(env, Big);
                await Export(app);
            }
        }
    }

    // ---- Bulk import ---------------------------------------------------------------------------------

    private async Task Bulk(List<BenchStream> all)
    {
        var clock = Stopwatch.StartNew();
        var target = env.Size(60_000);
        var subset = new List<BenchStream>();
        foreach (var s in all)
        {
            if (subset.Sum(x => x.Events.Count) >= target) break;
            subset.Add(s);
        }
        var events = subset.Sum(s => s.Events.Count);
        const string m = "bench_bulk_m", c = "bench_bulk_c";
        using var martenStore = LedgerStore.Create(env.Db, m);
        using var copyStore = LedgerStore.Create(env.Db, c);
        foreach (var (schema, store) in new[] { (m, martenStore), (c, copyStore) })
        {
            await LedgerStore.Exec(data, $"drop schema if exists {schema} cascade");
            await LedgerStore.EnsureSchema(store, data, schema);
        }
        var copyRows = subset.Select(s => (s.Id, s.AggregateAlias, s.Events)).ToList();

        async Task<(double Seconds, CpuUse Cpu)> Marten()
        {
            await LedgerStore.Exec(data, $"truncate {m}.mt_events, {m}.mt_streams");
            var meter = new CpuMeter(null, env.PostmasterPid);
            var t = Stopwatch.StartNew();
            await Dataset.MartenBulk(martenStore, subset);
            return (t.Elapsed.TotalSeconds, meter.Stop());
        }
        async Task<(double Seconds, CpuUse Cpu)> Copy()
        {
            await LedgerStore.Exec(data, $"truncate {c}.mt_events, {c}.mt_streams");
            var meter = new CpuMeter(null, env.PostmasterPid);
            var t = Stopwatch.StartNew();
            await rows.Copy(data, c, copyRows);
            return (t.Elapsed.TotalSeconds, meter.Stop());
        }

        await Marten(); await Copy(); // warm-up, discarded
        var real = new List<(double Seconds, CpuUse Cpu)>();
        var twin = new List<(double Seconds, CpuUse Cpu)>();
        for (var rep = 0; rep < 3; rep++)
        {
            if (rep % 2 == 0) { real.Add(await Marten()); twin.Add(await Copy()); }
            else { twin.Add(await Copy()); real.Add(await Marten()); }
        }
        var realEps = events / Stats.Median(real.Select(r => r.Seconds));
        var twinEps = events / Stats.Median(twin.Select(r => r.Seconds));
        results.Bench("bulk import", "bulk_marten_events_per_s", realEps, "events/s");
        results.Bench("bulk import", "bulk_copy_events_per_s", twinEps, "events/s");
        results.Cpu("bulk_marten", CpuUse.Median(real.Select(r => r.Cpu)));
        results.Cpu("bulk_copy", CpuUse.Median(twin.Select(r => r.Cpu)));
        results.Ratio("bulk_marten_vs_copy", realEps / twinEps, ">= 0.8", $"{Results.Fmt(realEps)} vs {Results.Fmt(twinEps)} events/s, {events} events a run");

        // What the hash-chain trigger costs both: the same COPY with the trigger disabled, once.
        await LedgerStore.Exec(data, $"truncate {c}.mt_events, {c}.mt_streams; alter table {c}.mt_events disable trigger ledger_chain_event");
        var bare = Stopwatch.StartNew();
        await rows.Copy(data, c, copyRows);
        results.Bench("bulk import", "bulk_copy_without_hash_trigger_events_per_s", events / bare.Elapsed.TotalSeconds, "events/s");
        await LedgerStore.Exec(data, $"drop schema {m} cascade; drop schema {c} cascade");
        results.Timing("bulk import", clock.Elapsed.TotalSeconds);
    }

    // ---- Rebuild -------------------------------------------------------------------------------------

    /// <summary>
    /// The ceiling and a plain read first (their documents are the projection's, so they also stand in
    /// for it if the rebuild does not finish); then the daemon's rebuild, bounded in time: its rate is
    /// the events it got through (its progression) over the time it ran.
    /// </summary>
    private async Task Rebuild(DocumentStore store, bool measure)
    {
        var clock = Stopwatch.StartNew();
        var events = await LedgerStore.Scalar(data, $"select count(*) from {Big}.mt_events");
        var head = await LedgerStore.Scalar(data, $"select max(seq_id) from {Big}.mt_events");

        var meter = new CpuMeter(null, env.PostmasterPid);
        var t = Stopwatch.StartNew();
        await Ceiling();
        var ceilingSeconds = t.Elapsed.TotalSeconds;
        results.Cpu("rebuild_ceiling", meter.Stop());
        Log.Say($"ceiling: {events} events in {ceilingSeconds:0.0} s");
        t.Restart();
        await PlainRead();
        var plainSeconds = t.Elapsed.TotalSeconds;

        // The app's own command line (JasperFx `projections rebuild`), as an operator runs it, stopped
        // after the window if it is not done; its rate comes from the progression it commits per batch.
        var window = TimeSpan.FromSeconds(env.Quick ? 20 : 60);
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(env.AppDll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { env.AppDll, "projections", "rebuild", "-p", "DashboardProjection" }) start.ArgumentList.Add(arg);
        start.Environment["LEDGER_DB"] = env.Db;
        start.Environment["LEDGER_SCHEMA"] = Big;
        start.Environment["LEDGER_DEMO"] = "1";
        start.Environment["LEDGER_LOG_FORMAT"] = "text";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var samples = new List<(double T, long Seq)>();
        meter = new CpuMeter(null, env.PostmasterPid);
        t.Restart();
        using var rebuild = Process.Start(start)!;
        rebuild.OutputDataReceived += (_, _) => { };
        rebuild.ErrorDataReceived += (_, _) => { };
        rebuild.BeginOutputReadLine();
        rebuild.BeginErrorReadLine();
        var rebuildPid = rebuild.Id;
        meter = new CpuMeter(rebuildPid, env.PostmasterPid);
        string Progress() => $"select coalesce(max(last_seq_id), 0) from {Big}.mt_event_progression where name like 'DashboardProjection%'";
        while (!rebuild.HasExited && t.Elapsed < window)
        {
            await Task.Delay(1000);
            samples.Add((t.Elapsed.TotalSeconds, await LedgerStore.Scalar(data, Progress())));
        }
        var finished = rebuild.HasExited && rebuild.ExitCode == 0;
        var cpu = meter.Stop();
        if (!rebuild.HasExited) { rebuild.Kill(entireProcessTree: true); await rebuild.WaitForExitAsync(); }
        var rebuildSeconds = t.Elapsed.TotalSeconds;
        var done = finished ? head : await LedgerStore.Scalar(data, Progress());
        // Rate from the first committed batch to the last sample (host start-up excluded), and its trend.
        var moving = samples.Where(x => x.Seq > 0).ToList();
        var realEps = finished || moving.Count < 2 ? done / rebuildSeconds
            : (moving[^1].Seq - moving[0].Seq) / (moving[^1].T - moving[0].T);
        if (moving.Count >= 6)
        {
            var k = Math.Max(2, moving.Count / 4);
            double Rate(List<(double T, long Seq)> w) => (w[^1].Seq - w[0].Seq) / (w[^1].T - w[0].T);
            results.Bench("rebuild", "rebuild_dashboards_rate_first_quarter", Rate(moving.Take(k).ToList()), "events/s");
            results.Bench("rebuild", "rebuild_dashboards_rate_last_quarter", Rate(moving.TakeLast(k).ToList()), "events/s");
        }
        Log.Say($"rebuild: {done} of {head} events in {rebuildSeconds:0.0} s ({(finished ? "finished" : "stopped")})");
        var ceilEps = events / ceilingSeconds;
        results.Bench("rebuild", "rebuild_dashboards_events_per_s", realEps, "events/s");
        results.Bench("rebuild", "rebuild_dashboards_events_done", done, "events");
        results.Bench("rebuild", finished ? "rebuild_dashboards_seconds" : "rebuild_dashboards_projected_seconds",
            finished ? rebuildSeconds : head / Math.Max(1, realEps), "s");
        results.Bench("rebuild", "rebuild_ceiling_events_per_s", ceilEps, "events/s");
        results.Bench("rebuild", "plain_sql_read_events_per_s", events / plainSeconds, "events/s");
        results.Cpu("rebuild_daemon (app = the rebuild process)", cpu);
        results.Ratio("rebuild_vs_ceiling", realEps / ceilEps, ">= 0.4",
            $"{Results.Fmt(realEps)} vs {Results.Fmt(ceilEps)} events/s; the rebuild " +
            (finished ? $"finished {events} events" : $"got through {done} of {head} events in its {window.TotalSeconds:0} s window; rate from its progression"));
        if (!finished)
        {
            // The reads need complete dashboards: the ceiling built the very same documents.
            await LedgerStore.Exec(data, $"""
                truncate {Big}.mt_doc_dashboardexperiment, {Big}.mt_doc_funnelview, {Big}.mt_doc_participationview, {Big}.mt_doc_pilotcard, {Big}.mt_doc_pilotssummary;
                insert into {Big}.mt_doc_dashboardexperiment (id, data, mt_dotnet_type, mt_version) select id, data, mt_dotnet_type, mt_version from {Big}.ceiling_dashboardexperiment;
                insert into {Big}.mt_doc_funnelview (id, data, mt_dotnet_type, mt_version) select id, data, mt_dotnet_type, mt_version from {Big}.ceiling_funnelview;
                insert into {Big}.mt_doc_participationview (id, data, mt_dotnet_type, mt_version) select id, data, mt_dotnet_type, mt_version from {Big}.ceiling_participationview;
                insert into {Big}.mt_doc_pilotssummary (id, data, mt_dotnet_type, mt_version) select id, data, mt_dotnet_type, mt_version from {Big}.ceiling_pilotssummary;
                insert into {Big}.mt_doc_pilotcard (id, data, mt_dotnet_type, mt_version, county, project_id, on_board, planned_end)
                  select id, data, mt_dotnet_type, mt_version, data ->> 'county', (data ->> 'projectId')::uuid, (data ->> 'onBoard')::boolean, (data ->> 'plannedEnd')::date
                    from {Big}.ceiling_pilotcard;
                update {Big}.mt_event_progression set last_seq_id = {head} where name like 'DashboardProjection%';
                """);
            results.Note($"the rebuild did not finish in its window; the reads use the ceiling's documents (the same documents) for complete dashboards");
        }
        results.Timing("rebuild", clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// The ceiling: read every event in sequence order, deserialize with the same serializer, fold with
    /// the same ExperimentProjection, build the same documents (DashboardExperiment and the three views
    /// per scope) and COPY them into scratch tables shaped like the projection's.
    /// </summary>
    private async Task Ceiling()
    {
        var states = new Dictionary<Guid, (Experiment? State, List<DatedCount> Recent)>();
        await using (var connection = await data.OpenConnectionAsync())
        await using (var command = new NpgsqlCommand(
                         $"select stream_id, version, type, timestamp, seq_id, data from {Big}.mt_events order by seq_id", connection))
        {
            command.CommandTimeout = 600;
            await using var reader = await command.ExecuteReaderAsync();
            var experimentTypes = LedgerEventTypes.Experiment;
            while (await reader.ReadAsync())
            {
                var streamId = reader.GetGuid(0);
                var version = reader.GetInt64(1);
                var type = rows.TypeOf(reader.GetString(2));
                var timestamp = reader.GetFieldValue<DateTimeOffset>(3);
                var sequence = reader.GetInt64(4);
                if (!experimentTypes.Contains(type)) continue;
                var body = rows.Serializer.FromJson(type, reader, 5);
                var e = Demo.DemoStream.Wrap(body);
                e.StreamId = streamId;
                e.Version = version;
                e.Timestamp = timestamp;
                e.Sequence = sequence;
                states.TryGetValue(streamId, out var memory);
                var state = Fold.Evolve(memory.State, streamId, e);
                var recent = memory.Recent ?? [];
                if (body is ParticipationRecorded r)
                {
                    recent.Add(new DatedCount(r.PeriodEnd, r.ByKind.Values.Sum()));
                    if (recent.Count > 60) recent = [.. recent.OrderByDescending(x => x.PeriodEnd).Take(30)];
                }
                states[streamId] = (state, recent);
            }
        }

        var funnels = new Dictionary<string, FunnelView>();
        var participation = new Dictionary<string, ParticipationView>();
        var cards = new List<PilotCard>();
        var boards = new Dictionary<string, PilotsSummary>();
        var docs = new List<DashboardExperiment>(states.Count);
        foreach (var (id, (state, recentAll)) in states)
        {
            if (state is null) continue;
            var recent = recentAll.OrderByDescending(x => x.PeriodEnd).Take(30).ToList();
            docs.Add(new DashboardExperiment(id, state, recent));
            var card = PilotCard.Of(state, recent, state.LastChangedAt);
            if (card is not null) cards.Add(card);
            foreach (var scope in DashboardScope.Of(state))
            {
                if (!funnels.TryGetValue(scope, out var f)) funnels[scope] = f = new FunnelView { Id = scope };
                if (!participation.TryGetValue(scope, out var p)) participation[scope] = p = new ParticipationView { Id = scope };
                if (!boards.TryGetValue(scope, out var b)) boards[scope] = b = new PilotsSummary { Id = scope };
                f.Apply(state, +1);
                p.Apply(state, +1);
                b.Apply(card, +1);
            }
        }

        await using var conn = await data.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        foreach (var table in new[] { "dashboardexperiment", "funnelview", "participationview", "pilotcard", "pilotssummary" })
            await using (var create = new NpgsqlCommand(
                             $"drop table if exists {Big}.ceiling_{table}; create table {Big}.ceiling_{table} (like {Big}.mt_doc_{table} including all)", conn, tx))
                await create.ExecuteNonQueryAsync();
        await CopyDocs(conn, "dashboardexperiment", docs.Select(d => ((object)d.Id, (object)d)));
        await CopyDocs(conn, "funnelview", funnels.Values.Select(v => ((object)v.Id, (object)v)));
        await CopyDocs(conn, "participationview", participation.Values.Select(v => ((object)v.Id, (object)v)));
        await CopyDocs(conn, "pilotcard", cards.Select(c => ((object)c.Id, (object)c)));
        await CopyDocs(conn, "pilotssummary", boards.Values.Select(v => ((object)v.Id, (object)v)));
        await tx.CommitAsync();
    }

    private async Task CopyDocs(NpgsqlConnection conn, string table, IEnumerable<(object Id, object Doc)> docs)
    {
        await using var copy = await conn.BeginBinaryImportAsync($"COPY {Big}.ceiling_{table} (id, data, mt_dotnet_type, mt_version) FROM STDIN BINARY");
        foreach (var (id, doc) in docs)
        {
            await copy.StartRowAsync();
            if (id is Guid g) await copy.WriteAsync(g, NpgsqlDbType.Uuid);
            else await copy.WriteAsync((string)id, NpgsqlDbType.Varchar);
            await copy.WriteAsync(rows.Json(doc), NpgsqlDbType.Jsonb);
            await copy.WriteAsync(doc.GetType().FullName!, NpgsqlDbType.Varchar);
            await copy.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
        }
        await copy.CompleteAsync();
    }

    /// <summary>Only reading the same rows (no deserializing, no folding): what the disk and the wire cost.</summary>
    private async Task PlainRead()
    {
        await using var connection = await data.OpenConnectionAsync();
        await using var command = new NpgsqlCommand($"select stream_id, version, type, timestamp, seq_id, data::text from {Big}.mt_events order by seq_id", connection);
        command.CommandTimeout = 600;
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess);
        long bytes = 0;
        while (await reader.ReadAsync())
        {
            reader.GetGuid(0); reader.GetInt64(1); reader.GetString(2); reader.GetFieldValue<DateTimeOffset>(3); reader.GetInt64(4);
            bytes += reader.GetString(5).Length;
        }
    }

    // ---- Reads ---------------------------------------------------------------------------------------

    private async Task Reads(AppProcess app)
    {
        var clock = Stopwatch.StartNew();
        using var http = Tokens.Client(app.BaseUrl, 32, Tokens.Issue("bench-admin", Roles.Admin, "*"));
        var targets = new (string Name, string Path, bool Dashboard)[]
        {
            ("health", "/health", false),
            ("funnel_national", "/api/dashboards/funnel", true),
            ("funnel_county", "/api/dashboards/funnel?county=helsinki", true),
            ("participation_national", "/api/dashboards/participation", true),
            ("pilots_county", "/api/dashboards/pilots?county=helsinki", true),
            ("pilots_national", "/api/dashboards/pilots", true),
            ("experiments_list_county", "/api/experiments?county=helsinki", false),
            ("experiments_list_national", "/api/experiments", false),
        };
        Func<CpuMeter> meter = () => new CpuMeter(app.Pid, env.PostmasterPid);
        // Warm-up; an endpoint slower than 250 ms a request gets 6 requests a run instead of the
        // full count (the fixed rate would only queue them up and the run would not fit its time).
        // A p99 wants more than 40 requests (the 40th of 40 is the maximum): 120 a run at 40/s, 3 runs.
        var counts = new Dictionary<string, int>();
        foreach (var (name, path, _) in targets)
        {
            // The first call of an endpoint pays for Wolverine's code generation; it also gives the size of the answer.
            using (var first = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead))
                results.Bench("reads", $"get_{name}_bytes", (await first.Content.ReadAsByteArrayAsync()).Length, "bytes");
            var warm = await Load.Closed(1, TimeSpan.FromSeconds(3), 8, (_, _) => Get(http, path), meter);
            var slow = warm.LatenciesMs.Length == 0 || Stats.Median(warm.LatenciesMs) > 250;
            counts[name] = slow ? 6 : env.Quick ? 60 : 120;
            if (slow) results.Note($"reads: GET {name} takes {Results.Fmt(Stats.Median(warm.LatenciesMs))} ms a request: 6 requests a run");
        }

        var rate = 40.0;
        var runs = targets.ToDictionary(t => t.Name, _ => new List<RunResult>());
        for (var rep = 0; rep < 3; rep++)
            foreach (var (name, path, _) in rep % 2 == 0 ? targets : targets.Reverse())
                runs[name].Add(await Load.Open(rate, counts[name], _ => Get(http, path), meter));

        var p99 = runs.ToDictionary(r => r.Key, r => Stats.Median(r.Value.Select(x => x.P99)));
        foreach (var (name, list) in runs)
        {
            results.Bench("reads", $"get_{name}_p50", Stats.Median(list.Select(x => x.P50)), "ms");
            results.Bench("reads", $"get_{name}_p99", p99[name], "ms");
            if (list.Sum(x => x.Failed) is > 0 and var failed) results.Note($"reads: {failed} GET {name} failed");
            results.Cpu($"get_{name}", CpuUse.Median(list.Select(x => x.Cpu)));
        }
        results.Bench("reads", "open_loop_rate", rate, "requests/s");
        var worst = targets.Where(t => t.Dashboard).MaxBy(t => p99[t.Name]);
        results.Ratio("dashboard_p99_vs_health_p99", p99[worst.Name] / p99["health"], "<= 2",
            $"worst dashboard GET {worst.Name} {Results.Fmt(p99[worst.Name])} ms vs /health {Results.Fmt(p99["health"])} ms p99 at {rate}/s");
        var list99 = Math.Max(p99["experiments_list_county"], p99["experiments_list_national"]);
        results.Ratio("list_p99_vs_health_p99", list99 / p99["health"], "<= 2", $"experiment list {Results.Fmt(list99)} ms p99 (not a target in the issue; same yardstick)");
        results.Timing("reads", clock.Elapsed.TotalSeconds);
    }

    private static async Task<bool> Get(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead);
        return response.StatusCode == HttpStatusCode.OK;
    }

    // ---- As-of and verify ----------------------------------------------------------------------------

    private async Task AsOf(AppProcess app, List<BenchStream> longs)
    {
        var clock = Stopwatch.StartNew();
        using var http = Tokens.Client(app.BaseUrl, 1, Tokens.Issue("bench-auditor", Roles.Auditor, "*"));
        Func<CpuMeter> meter = () => new CpuMeter(app.Pid, env.PostmasterPid);
        var cases = longs.Select(l => (Name: $"asof_{l.Events.Count}", l.Id, Version: (long)l.Events.Count,
                Count: l.Events.Count switch { <= 10 => 150, <= 100 => 100, <= 1000 => 40, _ => 10 }))
            .Append((Name: "asof_5000_of_10000", longs[^1].Id, Version: 5000L, Count: 10))
            .ToList();
        foreach (var c in cases) // warm-up
        {
            await Get(http, $"/api/experiments/{c.Id}/as-of?version={c.Version}");
            await TwinAsOf(c.Id, c.Version);
        }
        var ratios = new List<(string Name, double Ratio)>();
        using var asOfStore = LedgerStore.Create(env.Db, Big);
        foreach (var c in cases)
        {
            var count = env.Quick ? Math.Max(5, c.Count / 3) : c.Count;
            var real = new List<RunResult>();
            var twin = new List<RunResult>();
            for (var rep = 0; rep < 3; rep++)
            {
                real.Add(await Load.Closed(1, TimeSpan.FromMinutes(2), count, (_, _) => Get(http, $"/api/experiments/{c.Id}/as-of?version={c.Version}"), meter));
                twin.Add(await Load.Closed(1, TimeSpan.FromMinutes(2), count, (_, _) => TwinAsOf(c.Id, c.Version), meter));
            }
            var realP99 = Stats.Median(real.Select(r => r.P99));
            var twinP99 = Stats.Median(twin.Select(r => r.P99));
            // Diagnostic: the same as-of through Marten in this process (no HTTP, no auth), to split the gap.
            var inproc = await Load.Closed(1, TimeSpan.FromMinutes(2), count, async (_, _) =>
            {
                await using var session = asOfStore.QuerySession();
                return await session.Events.AggregateStreamAsync<Experiment>(c.Id, version: c.Version) is not null;
            }, meter);
            results.Bench("time travel", $"{c.Name}_marten_inprocess_p50", inproc.P50, "ms");
            results.Bench("time travel", $"{c.Name}_http_p50", Stats.Median(real.Select(r => r.P50)), "ms");
            results.Bench("time travel", $"{c.Name}_http_p99", realP99, "ms");
            results.Bench("time travel", $"{c.Name}_fold_p50", Stats.Median(twin.Select(r => r.P50)), "ms");
            results.Bench("time travel", $"{c.Name}_fold_p99", twinP99, "ms");
            ratios.Add((c.Name, realP99 / twinP99));
        }
        var headline = ratios.First(r => r.Name == "asof_1000");
        results.Ratio("asof_p99_vs_fold", headline.Ratio, "<= 1.5",
            "at 1,000 events; by size: " + string.Join(", ", ratios.Select(r => $"{r.Name} {Results.Fmt(r.Ratio, 2)}")));

        // Verify: recompute the 10,000-event stream's hash chain.
        var verify = new List<double>();
        for (var i = 0; i < (env.Quick ? 3 : 5); i++)
        {
            var t = Stopwatch.StartNew();
            if (!await Get(http, $"/api/audit/verify?experimentId={longs[^1].Id}")) results.Note("verify did not answer 200");
            verify.Add(t.Elapsed.TotalSeconds);
        }
        results.Bench("audit", "verify_10000_events_per_s", longs[^1].Events.Count / Stats.Median(verify), "events/s");
        results.Timing("time travel + verify", clock.Elapsed.TotalSeconds);
    }

    /// <summary>The twin of as-of: select the stream's rows up to the version, deserialize, fold, serialize the answer.</summary>
    private async Task<bool> TwinAsOf(Guid id, long version)
    {
        await using var command = data.CreateCommand(
            $"select version, type, timestamp, seq_id, data from {Big}.mt_events where stream_id = $1 and version <= $2 order by version");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = version });
        await using var reader = await command.ExecuteReaderAsync();
        Experiment? state = null;
        while (await reader.ReadAsync())
        {
            var body = rows.Serializer.FromJson(rows.TypeOf(reader.GetString(1)), reader, 4);
            var e = Demo.DemoStream.Wrap(body);
            e.StreamId = id;
            e.Version = reader.GetInt64(0);
            e.Timestamp = reader.GetFieldValue<DateTimeOffset>(2);
            e.Sequence = reader.GetInt64(3);
            state = Fold.Evolve(state, id, e);
        }
        return state is not null && System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(state, Json.Web).Length > 0;
    }

    // ---- Export --------------------------------------------------------------------------------------

    private async Task Export(AppProcess app)
    {
        var clock = Stopwatch.StartNew();
        using var http = Tokens.Client(app.BaseUrl, 1, Tokens.Issue("bench-auditor", Roles.Auditor, "*"), TimeSpan.FromMinutes(10));
        ProcStat.ResetPeak(app.Pid);
        var before = ProcStat.Memory(app.Pid);
        await using var sampler = new MemSampler(app.Pid);
        var meter = new CpuMeter(app.Pid, env.PostmasterPid);
        var t = Stopwatch.StartNew();
        using var response = await http.GetAsync("/api/audit/export", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[1 << 16];
        long lines = 0, bytes = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            bytes += read;
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }
        var seconds = t.Elapsed.TotalSeconds;
        results.Cpu("export", meter.Stop());
        var peak = Math.Max(ProcStat.Memory(app.Pid).PeakMb, sampler.MaxRssMb);
        results.Bench("audit", "export_events_per_s", lines / seconds, "events/s");
        results.Bench("audit", "export_events", lines, "events");
        results.Bench("audit", "export_mb_per_s", bytes / 1048576.0 / seconds, "MiB/s");
        results.Bench("memory", "app_peak_working_set_export", peak, "MiB");
        results.Bench("memory", "app_working_set_before_export", before.RssMb, "MiB");
        results.Timing("export", clock.Elapsed.TotalSeconds);
    }

    // ---- Portfolio: every dashboard as of a past moment; the experiments list exported ---------------

    /// <summary>
    /// Each dashboard as it stood half a year ago, nationally and for one county, against the live
    /// national funnel. A slow endpoint gets few requests: its p99 is then close to its maximum.
    /// </summary>
    private async Task Portfolio(AppProcess app)
    {
        var clock = Stopwatch.StartNew();
        using var http = Tokens.Client(app.BaseUrl, 4, Tokens.Issue("bench-leadership", Roles.Leadership, "*"), TimeSpan.FromMinutes(10));
        var at = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(-180).ToString("O"));
        var targets = new List<(string Name, string Path)> { ("funnel_national_live", "/api/dashboards/funnel") };
        foreach (var dashboard in new[] { "funnel", "pilots", "participation", "goals", "factors" })
        {
            targets.Add(($"{dashboard}_national_asof", $"/api/dashboards/{dashboard}?at={at}"));
            targets.Add(($"{dashboard}_county_asof", $"/api/dashboards/{dashboard}?county=helsinki&at={at}"));
        }
        targets.Add(("counties_national_asof", $"/api/dashboards/counties?at={at}"));
        targets.Add(("goals_national_live", "/api/dashboards/goals"));
        targets.Add(("factors_national_live", "/api/dashboards/factors"));
        targets.Add(("counties_national_live", "/api/dashboards/counties"));

        Func<CpuMeter> meter = () => new CpuMeter(app.Pid, env.PostmasterPid);
        var p99 = new Dictionary<string, double>();
        foreach (var (name, path) in targets)
        {
            var first = Stopwatch.StartNew();
            var ok = await Get(http, path);
            var count = !ok ? 0 : first.Elapsed.TotalMilliseconds > 1000 ? 3 : first.Elapsed.TotalMilliseconds > 100 ? 8 : env.Quick ? 20 : 40;
            if (!ok) { results.Note($"portfolio: GET {name} failed"); continue; }
            var run = await Load.Closed(1, TimeSpan.FromMinutes(3), count, (_, _) => Get(http, path), meter);
            p99[name] = run.P99;
            results.Bench("portfolio", $"get_{name}_p50", run.P50, "ms");
            results.Bench("portfolio", $"get_{name}_p99", run.P99, "ms");
            results.Bench("portfolio", $"get_{name}_requests", run.LatenciesMs.Length, "requests");
            if (run.Failed > 0) results.Note($"portfolio: {run.Failed} GET {name} failed");
        }
        if (p99.TryGetValue("funnel_national_asof", out var asOf) && p99.TryGetValue("funnel_national_live", out var live))
            results.Ratio("funnel_asof_p99_vs_live_p99", asOf / live, "<= 10",
                $"national funnel as of 180 days ago {Results.Fmt(asOf)} ms vs live {Results.Fmt(live)} ms p99");
        results.Timing("portfolio", clock.Elapsed.TotalSeconds);
    }

    private async Task ListExport(AppProcess app, string format)
    {
        var clock = Stopwatch.StartNew();
        using var http = Tokens.Client(app.BaseUrl, 1, Tokens.Issue("bench-leadership", Roles.Leadership, "*"), TimeSpan.FromMinutes(10));
        await Get(http, "/api/experiments?pageSize=1"); // warm: the app's own start-up is not the export's
        ProcStat.ResetPeak(app.Pid);
        var before = ProcStat.Memory(app.Pid);
        await using var sampler = new MemSampler(app.Pid);
        var t = Stopwatch.StartNew();
        using var response = await http.GetAsync($"/api/experiments/export?format={format}", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[1 << 16];
        long bytes = 0, lines = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            bytes += read;
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }
        var seconds = t.Elapsed.TotalSeconds;
        var peak = Math.Max(ProcStat.Memory(app.Pid).PeakMb, sampler.MaxRssMb);
        if (format == "csv") results.Bench("portfolio", "list_export_csv_rows", lines - 1, "rows");
        results.Bench("portfolio", $"list_export_{format}_seconds", seconds, "s");
        results.Bench("portfolio", $"list_export_{format}_mib", bytes / 1048576.0, "MiB");
        results.Bench("memory", $"app_peak_working_set_list_export_{format}", peak, "MiB");
        results.Bench("memory", $"app_working_set_before_list_export_{format}", before.RssMb, "MiB");
        results.Timing($"list export {format}", clock.Elapsed.TotalSeconds);
    }
}
