using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JasperFx.Events;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;
using ProjectLedger.Demo;
using ProjectLedger.Experiments;
using ProjectLedger.Security;

namespace ProjectLedger.Bench;

/// <summary>
/// The command path (HTTP commands vs one raw Npgsql transaction per command) and push latency
/// (command accepted → SignalR client notified vs NOTIFY → LISTEN → bare hub echo).
/// </summary>
public sealed class CommandScenarios(BenchEnv env, Results results, NpgsqlDataSource data, EventRows rows, AppProcess app)
{
    private const string County = "helsinki";
    private const string PushCounty = "kainuu";
    private static readonly ExperimentProjection Fold = new();
    private readonly LedgerUser _user = new("bench-helsinki", Roles.ProjectOffice, County);
    private readonly string _schema = app.Schema;
    private int _sequence;

    private CpuMeter Meter() => new(app.Pid, env.PostmasterPid);

    public async Task Run()
    {
        var clock = Stopwatch.StartNew();
        var streams = await CreateStreams(256);
        var duration = TimeSpan.FromSeconds(env.Quick ? 1.5 : 3);
        var token = Tokens.Issue(_user.Id, _user.Role, County);
        ProjectLedger.Bench.ProcStat.ResetPeak(app.Pid);
        await using var memory = new MemSampler(app.Pid);

        // Warm-up (discarded): JIT, connection pools, Wolverine's first-call code generation.
        using (var warm = Tokens.Client(app.BaseUrl, 8, token))
        {
            await Load.Closed(8, duration, int.MaxValue, (w, i) => Http(warm, Pick(streams, 8, w, i)), Meter);
            await Load.Closed(8, duration, int.MaxValue, (w, i) => Twin(Pick(streams, 8, w, i)), Meter);
        }

        var c8RealEps = 0.0;
        foreach (var concurrency in new[] { 1, 8, 32 })
        {
            using var http = Tokens.Client(app.BaseUrl, concurrency, token);
            var real = new List<RunResult>();
            var twin = new List<RunResult>();
            for (var rep = 0; rep < 3; rep++)
            {
                async Task RunReal() => real.Add(await Load.Closed(concurrency, duration, int.MaxValue, (w, i) => Http(http, Pick(streams, concurrency, w, i)), Meter));
                async Task RunTwin() => twin.Add(await Load.Closed(concurrency, duration, int.MaxValue, (w, i) => Twin(Pick(streams, concurrency, w, i)), Meter));
                if (rep % 2 == 0) { await RunReal(); await RunTwin(); } else { await RunTwin(); await RunReal(); }
            }
            var realEps = Stats.Median(real.Select(r => r.PerSecond));
            var twinEps = Stats.Median(twin.Select(r => r.PerSecond));
            results.Bench("command path", $"append_http_c{concurrency}_events_per_s", realEps, "events/s");
            results.Bench("command path", $"append_http_c{concurrency}_p50_closed", Stats.Median(real.Select(r => r.P50)), "ms");
            results.Bench("command path", $"append_http_c{concurrency}_p99_closed", Stats.Median(real.Select(r => r.P99)), "ms");
            results.Bench("command path", $"append_rawtxn_c{concurrency}_events_per_s", twinEps, "events/s");
            results.Bench("command path", $"append_rawtxn_c{concurrency}_p50_closed", Stats.Median(twin.Select(r => r.P50)), "ms");
            results.Bench("command path", $"append_rawtxn_c{concurrency}_p99_closed", Stats.Median(twin.Select(r => r.P99)), "ms");
            var failures = real.Sum(r => r.Failed) + twin.Sum(r => r.Failed);
            if (failures > 0) results.Note($"command path c={concurrency}: {real.Sum(r => r.Failed)} HTTP and {twin.Sum(r => r.Failed)} twin commands failed");
            results.Cpu($"append_http_c{concurrency}", CpuUse.Median(real.Select(r => r.Cpu)));
            results.Cpu($"append_rawtxn_c{concurrency}", CpuUse.Median(twin.Select(r => r.Cpu)));
            if (concurrency == 8)
            {
                c8RealEps = realEps;
                results.Ratio("append_http_vs_rawtxn", realEps / twinEps, ">= 0.6",
                    $"{Results.Fmt(realEps)} vs {Results.Fmt(twinEps)} events/s at 8 clients");
            }
        }

        await ProfileAppend(streams, duration);

        // Latency under an open-loop load at half the HTTP path's closed-loop throughput (both paths, same rate).
        var rate = Math.Max(5, Math.Round(c8RealEps * 0.5));
        var count = (int)(rate * duration.TotalSeconds);
        {
            using var http = Tokens.Client(app.BaseUrl, 32, token);
            var real = new List<RunResult>();
            var twin = new List<RunResult>();
            var slot = 0;
            for (var rep = 0; rep < 3; rep++)
            {
                async Task RunReal() => real.Add(await Load.Open(rate, count, i => Http(http, streams[Interlocked.Increment(ref slot) % streams.Count]), Meter));
                async Task RunTwin() => twin.Add(await Load.Open(rate, count, i => Twin(streams[Interlocked.Increment(ref slot) % streams.Count]), Meter));
                if (rep % 2 == 0) { await RunReal(); await RunTwin(); } else { await RunTwin(); await RunReal(); }
            }
            results.Bench("command path", "open_loop_rate", rate, "commands/s");
            results.Bench("command path", "append_http_open_p50", Stats.Median(real.Select(r => r.P50)), "ms");
            results.Bench("command path", "append_http_open_p99", Stats.Median(real.Select(r => r.P99)), "ms");
            results.Bench("command path", "append_rawtxn_open_p50", Stats.Median(twin.Select(r => r.P50)), "ms");
            results.Bench("command path", "append_rawtxn_open_p99", Stats.Median(twin.Select(r => r.P99)), "ms");
            results.Cpu("append_http_open", CpuUse.Median(real.Select(r => r.Cpu)));
            results.Cpu("append_rawtxn_open", CpuUse.Median(twin.Select(r => r.Cpu)));
        }

        // One stream: every command appends to the same experiment (1 client: sequential; 8: racing, 409s).
        foreach (var concurrency in new[] { 1, 8 })
        {
            using var http = Tokens.Client(app.BaseUrl, concurrency, token);
            var one = streams[0];
            var real = new List<RunResult>();
            var twin = new List<RunResult>();
            for (var rep = 0; rep < 3; rep++)
            {
                real.Add(await Load.Closed(concurrency, duration / 2, int.MaxValue, (w, i) => Http(http, one), Meter));
                twin.Add(await Load.Closed(concurrency, duration / 2, int.MaxValue, (w, i) => Twin(one), Meter));
            }
            results.Bench("command path", $"one_stream_http_c{concurrency}_commands_per_s", Stats.Median(real.Select(r => r.PerSecond)), "commands/s");
            results.Bench("command path", $"one_stream_http_c{concurrency}_conflicts_per_s", Stats.Median(real.Select(r => r.Failed / r.Seconds)), "409/s");
            results.Bench("command path", $"one_stream_rawtxn_c{concurrency}_commands_per_s", Stats.Median(twin.Select(r => r.PerSecond)), "commands/s");
            results.Bench("command path", $"one_stream_rawtxn_c{concurrency}_conflicts_per_s", Stats.Median(twin.Select(r => r.Failed / r.Seconds)), "conflicts/s");
        }

        results.Bench("memory", "app_peak_working_set_command_path", Math.Max(ProcStat.Memory(app.Pid).PeakMb, memory.MaxRssMb), "MiB");
        results.Timing("command path", clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Where the time goes at 8 clients: one more run of each path with pg_stat_statements reset before
    /// it, read per event, beside the CPU the app and PostgreSQL spent per event.
    /// </summary>
    private async Task ProfileAppend(List<Guid> streams, TimeSpan duration)
    {
        var profile = new SqlProfile(data);
        if (!await profile.Enable()) return;
        using var http = Tokens.Client(app.BaseUrl, 8, Tokens.Issue(_user.Id, _user.Role, County));
        foreach (var (name, op) in new (string, Func<int, int, Task<bool>>)[]
                 {
                     ("append_http_c8", (w, i) => Http(http, Pick(streams, 8, w, i))),
                     ("append_rawtxn_c8", (w, i) => Twin(Pick(streams, 8, w, i))),
                 })
        {
            await profile.Reset();
            var run = await Load.Closed(8, duration, int.MaxValue, op, Meter);
            results.Add(await profile.Read(name, "event", run.Ok, run.Cpu, run.Seconds));
        }
    }

    private static Guid Pick(IReadOnlyList<Guid> streams, int workers, int worker, int i)
    {
        // Each worker owns its own streams: no two clients race on one stream (that is the one-stream test).
        var per = streams.Count / workers;
        return streams[worker * per + i % per];
    }

    private RecordParticipation Command(int n)
    {
        var count = 1 + n % 40;
        var end = DateOnly.FromDateTime(DateTime.UtcNow);
        return new RecordParticipation(end.AddDays(-6), end, n % 2 == 0 ? "ideation" : "planning", n % 3 == 0 ? "digital" : "inPerson",
            new Dictionary<string, int> { ["client"] = count }, new Dictionary<string, int> { ["30to64"] = count });
    }

    private async Task<bool> Http(HttpClient http, Guid stream)
    {
        using var response = await http.PostAsJsonAsync($"/api/experiments/{stream}/participation", Command(Interlocked.Increment(ref _sequence)), Json.Web);
        return response.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>
    /// What the HTTP path does, without the framework: in one transaction read the stream's version and
    /// its inline snapshot, decide (the same pure Decide), fold, insert the event row (the hash trigger
    /// fires as for Marten), move the stream row's version (optimistic: a lost race rolls back), upsert
    /// the snapshot, and notify the projection daemon (the app's AppendNotice).
    /// </summary>
    private async Task<bool> Twin(Guid stream)
    {
        var command = Command(Interlocked.Increment(ref _sequence));
        await using var connection = await data.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        long version;
        Experiment state;
        await using (var read = new NpgsqlCommand(
                         $"select s.version, d.data from {_schema}.mt_streams s join {_schema}.mt_doc_experiment d on d.id = s.id where s.id = $1", connection, tx))
        {
            read.Parameters.Add(new NpgsqlParameter { Value = stream });
            await using var reader = await read.ExecuteReaderAsync();
            if (!await reader.ReadAsync()) return false;
            version = reader.GetInt64(0);
            state = (Experiment)rows.Serializer.FromJson(typeof(Experiment), reader, 1);
        }
        if (!_user.CanWrite(state.County)) return false;
        var decision = command.Decide(state, _user);
        if (decision.Rejection is not null) return false;

        var batch = new NpgsqlBatch(connection, tx);
        var correlation = Guid.NewGuid().ToString("N");
        var headers = rows.Json(new Dictionary<string, object> { ["userId"] = _user.Id, ["role"] = _user.Role });
        var now = DateTimeOffset.UtcNow;
        foreach (var data in decision.Events)
        {
            var e = DemoStream.Wrap(data);
            e.StreamId = stream;
            e.Version = ++version;
            e.Timestamp = now;
            state = Fold.Evolve(state, stream, e)!;
            var (alias, dotnet) = rows.Names(data.GetType());
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
                insert into {_schema}.mt_events (seq_id, id, stream_id, version, data, type, tenant_id, timestamp, mt_dotnet_type, is_archived, correlation_id, headers, user_name)
                values (nextval('{_schema}.mt_events_sequence'), $1, $2, $3, $4::jsonb, $5, '*DEFAULT*', $6, $7, false, $8, $9::jsonb, $10)
                """)
            {
                Parameters =
                {
                    new() { Value = Guid.CreateVersion7() }, new() { Value = stream }, new() { Value = version },
                    new() { Value = rows.Json(data) }, new() { Value = alias }, new() { Value = now }, new() { Value = dotnet },
                    new() { Value = correlation }, new() { Value = headers }, new() { Value = _user.Id },
                },
            });
        }
        var moved = new NpgsqlBatchCommand($"update {_schema}.mt_streams set version = $1, timestamp = now() where id = $2 and version = $3")
        {
            Parameters = { new() { Value = version }, new() { Value = stream }, new() { Value = version - decision.Events.Count } },
        };
        batch.BatchCommands.Add(moved);
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
            insert into {_schema}.mt_doc_experiment (id, data, mt_dotnet_type, mt_version, county, project_id, stage, last_changed_at, mt_last_modified)
            values ($1, $2::jsonb, $3, $4, $5, $6, $7, $8, transaction_timestamp())
            on conflict (id) do update set data = excluded.data, mt_dotnet_type = excluded.mt_dotnet_type, mt_version = excluded.mt_version,
              county = excluded.county, project_id = excluded.project_id, stage = excluded.stage, last_changed_at = excluded.last_changed_at,
              mt_last_modified = excluded.mt_last_modified
            """)
        {
            Parameters =
            {
                new() { Value = stream }, new() { Value = rows.Json(state) }, new() { Value = typeof(Experiment).FullName },
                new() { Value = version }, new() { Value = state.County }, new() { Value = (object?)state.ProjectId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid },
                new() { Value = state.Stage.ToString() }, new() { Value = state.LastChangedAt },
            },
        });
        // The channel the app's projection daemon listens on: the twin's events wake it as the app's do.
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"notify {ProjectLedger.Hosting.PacedDaemonWakeup.Channel}"));
        try
        {
            await batch.ExecuteNonQueryAsync();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return false; // another writer took this version
        }
        if (moved.RecordsAffected != 1) { await tx.RollbackAsync(); return false; }
        await tx.CommitAsync();
        return true;
    }

    private async Task<List<Guid>> CreateStreams(int n)
    {
        using var http = Tokens.Client(app.BaseUrl, 8, Tokens.Issue(_user.Id, _user.Role, County));
        var ids = new ConcurrentBag<Guid>();
        await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var response = await http.PostAsJsonAsync("/api/experiments", new ProposeExperiment(
                $"Kuormitus {i}", "Komentopolun mittaus", County, null, null, ["bench"], "projektipäällikkö"), Json.Web, ct);
            response.EnsureSuccessStatusCode();
            ids.Add((await response.Content.ReadFromJsonAsync<WriteAnswer>(Json.Web, ct))!.Id);
        });
        return ids.OrderBy(x => x).ToList();
    }

    private sealed record WriteAnswer(Guid Id, long Version);

    // ---- Push --------------------------------------------------------------------------------------

    public async Task Push()
    {
        var clock = Stopwatch.StartNew();
        var pushUser = new LedgerUser("bench-kainuu", Roles.ProjectOffice, PushCounty);
        using var http = Tokens.Client(app.BaseUrl, 1, Tokens.Issue(pushUser.Id, pushUser.Role, PushCounty));
        var created = await http.PostAsJsonAsync("/api/experiments", new ProposeExperiment(
            "Push-mittaus", "Ilmoitusviive", PushCounty, null, null, ["bench-push"], "projektipäällikkö"), Json.Web);
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<WriteAnswer>(Json.Web))!.Id;

        // The app's hub, watched as a browser would.
        var admin = Tokens.Issue("bench-admin", Roles.Admin, "*");
        var totals = new ConcurrentQueue<(int Total, long At)>();
        var signal = new SemaphoreSlim(0);
        await using var hub = new HubConnectionBuilder()
            .WithUrl(app.BaseUrl + "/hubs/dashboards", o => o.AccessTokenProvider = () => Task.FromResult<string?>(admin))
            .Build();
        hub.On<JsonElement>("dashboardChanged", message =>
        {
            var at = Stopwatch.GetTimestamp();
            if (message.GetProperty("scope").GetString() != "county:" + PushCounty) return;
            if (message.GetProperty("dashboard").GetString() != "participation") return;
            totals.Enqueue((message.GetProperty("data").GetProperty("total").GetInt32(), at));
            signal.Release();
        });
        await hub.StartAsync();
        var first = await hub.InvokeAsync<JsonElement>("Watch", "participation", "county:" + PushCounty);
        var total = first.GetProperty("data").GetProperty("total").GetInt32();

        // The floor: NOTIFY → LISTEN wake-up in this process → a bare SignalR hub's send to the same kind of client.
        await using var floor = await FloorServer.Start(data);

        var count = env.Quick ? 15 : 30;
        var interval = TimeSpan.FromMilliseconds(250);
        var real = new List<double[]>();
        var bare = new List<double[]>();
        var missed = 0;
        for (var rep = 0; rep < 3; rep++)
        {
            var latencies = new List<double>();
            var start = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
            {
                var due = interval * i;
                if (due > start.Elapsed) await Task.Delay(due - start.Elapsed);
                var command = Command(i);
                var expected = total + command.ByKind!.Values.Sum();
                using var response = await http.PostAsJsonAsync($"/api/experiments/{id}/participation", command, Json.Web);
                var accepted = Stopwatch.GetTimestamp();
                if (response.StatusCode != HttpStatusCode.OK) { missed++; continue; }
                total = expected;
                var deadline = Stopwatch.StartNew();
                var seen = false;
                while (!seen && deadline.Elapsed < TimeSpan.FromSeconds(5))
                {
                    if (!await signal.WaitAsync(TimeSpan.FromSeconds(5) - deadline.Elapsed)) break;
                    while (totals.TryDequeue(out var t))
                        if (t.Total >= expected && !seen)
                        {
                            latencies.Add(Stopwatch.GetElapsedTime(accepted, t.At).TotalMilliseconds);
                            seen = true;
                        }
                }
                if (!seen) missed++;
            }
            real.Add([.. latencies.OrderBy(x => x)]);
            bare.Add(await floor.Measure(count, interval));
        }
        if (missed > 0) results.Note($"push: {missed} commands were not followed by a push within 5 s");
        var realP50 = Stats.Median(real.Select(r => Stats.Percentile(r, 50)));
        var realP99 = Stats.Median(real.Select(r => Stats.Percentile(r, 99)));
        var floorP50 = Stats.Median(bare.Select(r => Stats.Percentile(r, 50)));
        var floorP99 = Stats.Median(bare.Select(r => Stats.Percentile(r, 99)));
        results.Bench("push", "push_accepted_to_notified_p50", realP50, "ms");
        results.Bench("push", "push_accepted_to_notified_p99", realP99, "ms");
        results.Bench("push", "push_floor_notify_listen_echo_p50", floorP50, "ms");
        results.Bench("push", "push_floor_notify_listen_echo_p99", floorP99, "ms");
        results.Ratio("push_p99_vs_floor", realP99 / floorP99, "<= 5",
            $"{Results.Fmt(realP99)} vs {Results.Fmt(floorP99)} ms p99; idle target p99 < 250 ms: {(realP99 < 250 ? "met" : "missed")}");
        results.Timing("push", clock.Elapsed.TotalSeconds);
    }
}

public static class Json
{
    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}

/// <summary>A bare SignalR hub in this process, fed by a LISTEN connection: the floor under the app's push.</summary>
public sealed class FloorServer : IAsyncDisposable
{
    private readonly WebApplication _web;
    private readonly NpgsqlConnection _listen;
    private readonly NpgsqlDataSource _data;
    private readonly HubConnection _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _waiting = new();

    private FloorServer(WebApplication web, NpgsqlConnection listen, NpgsqlDataSource data, HubConnection client)
    {
        _web = web;
        _listen = listen;
        _data = data;
        _client = client;
        var hub = web.Services.GetRequiredService<IHubContext<EchoHub>>();
        _listen.Notification += (_, n) => _ = hub.Clients.All.SendAsync("echo", n.Payload);
        _client.On<string>("echo", payload =>
        {
            var at = Stopwatch.GetTimestamp();
            if (_waiting.TryRemove(payload, out var tcs)) tcs.TrySetResult(at);
        });
        _loop = Task.Run(async () =>
        {
            try { while (!_stop.IsCancellationRequested) await _listen.WaitAsync(_stop.Token); }
            catch (OperationCanceledException) { }
        });
    }

    public static async Task<FloorServer> Start(NpgsqlDataSource data)
    {
        var port = AppProcess.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.AddSignalR();
        var web = builder.Build();
        web.MapHub<EchoHub>("/echo");
        await web.StartAsync();
        var listen = await data.OpenConnectionAsync();
        await using (var cmd = new NpgsqlCommand("LISTEN bench_floor", listen)) await cmd.ExecuteNonQueryAsync();
        var client = new HubConnectionBuilder().WithUrl($"http://127.0.0.1:{port}/echo").Build();
        await client.StartAsync();
        return new FloorServer(web, listen, data, client);
    }

    public async Task<double[]> Measure(int count, TimeSpan interval)
    {
        var latencies = new List<double>();
        var start = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var due = interval * i;
            if (due > start.Elapsed) await Task.Delay(due - start.Elapsed);
            var key = Guid.NewGuid().ToString("N");
            var tcs = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting[key] = tcs;
            var t0 = Stopwatch.GetTimestamp();
            await using (var cmd = _data.CreateCommand("select pg_notify('bench_floor', $1)"))
            {
                cmd.Parameters.Add(new NpgsqlParameter { Value = key });
                await cmd.ExecuteNonQueryAsync();
            }
            var done = await Task.WhenAny(tcs.Task, Task.Delay(5000));
            if (done == tcs.Task) latencies.Add(Stopwatch.GetElapsedTime(t0, tcs.Task.Result).TotalMilliseconds);
        }
        return [.. latencies.OrderBy(x => x)];
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try { await _loop; } catch (Exception) { }
        await _client.DisposeAsync();
        await _listen.DisposeAsync();
        await _web.StopAsync();
        await _web.DisposeAsync();
    }
}

public sealed class EchoHub : Hub;
