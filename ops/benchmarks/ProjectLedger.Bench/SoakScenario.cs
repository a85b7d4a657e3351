using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using ProjectLedger.Counties;
using ProjectLedger.Security;

namespace ProjectLedger.Bench;

/// <summary>
/// `--only soak`: every change reaches its watchers, at volume. A fresh app process; the moment it is
/// healthy, one WebSocket client per scope watches the funnel of every county, the national scope and
/// three themes, and 8 clients send proposals spread over them (3,000; 600 with --quick). Each
/// proposal's three scopes must each get a push whose total includes it; latency runs from the
/// command's 201 to that push (PushSoakTests in the suite does the same at a few hundred, plus a rebuild).
/// </summary>
public sealed class SoakScenario(BenchEnv env, Results results)
{
    private const int Workers = 8;

    public async Task Run()
    {
        var clock = Stopwatch.StartNew();
        await using var app = await AppProcess.Start(env, "bench_soak");
        var themes = Enumerable.Range(0, 3).Select(i => $"soak-{i}").ToArray();
        var scopes = CountyCatalog.All.Select(c => "county:" + c.Slug).Append("national").Concat(themes.Select(t => "theme:" + t)).ToArray();
        var pushes = scopes.ToDictionary(s => s, _ => new List<(long At, int Total)>());
        var committed = scopes.ToDictionary(s => s, _ => 0);
        var changes = new List<(string Scope, int Count, long At)>();

        var admin = Tokens.Issue("bench-admin", Roles.Admin, "*");
        var hubs = new List<HubConnection>();
        foreach (var scope in scopes)
        {
            var hub = new HubConnectionBuilder()
                .WithUrl(app.BaseUrl + "/hubs/dashboards", o => o.AccessTokenProvider = () => Task.FromResult<string?>(admin))
                .Build();
            hub.On<JsonElement>("dashboardChanged", m =>
            {
                var at = Stopwatch.GetTimestamp();
                if (m.GetProperty("dashboard").GetString() != "funnel") return;
                var list = pushes[m.GetProperty("scope").GetString()!];
                lock (list) list.Add((at, m.GetProperty("data").GetProperty("total").GetInt32()));
            });
            await hub.StartAsync();
            await hub.InvokeAsync<JsonElement>("Watch", "funnel", scope);
            hubs.Add(hub);
        }

        var count = env.Quick ? 600 : 3000;
        var next = -1;
        var failed = 0;
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Workers }) { BaseAddress = new Uri(app.BaseUrl) };
        var sending = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var county = CountyCatalog.All[i % CountyCatalog.All.Count].Slug;
                var theme = themes[i % themes.Length];
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/experiments")
                {
                    Content = JsonContent.Create(new { title = $"Kokeilu {i}", problem = "Jonot ovat pitkiä.", county, themes = new[] { theme }, proposedByRole = "palveluesihenkilö" }),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Issue("bench-soak", Roles.ProjectOffice, county));
                using var response = await http.SendAsync(request);
                var at = Stopwatch.GetTimestamp();
                if (response.StatusCode != HttpStatusCode.Created) { Interlocked.Increment(ref failed); continue; }
                lock (changes)
                    foreach (var scope in new[] { "national", "county:" + county, "theme:" + theme })
                        changes.Add((scope, ++committed[scope], at));
            }
        }));
        var sendSeconds = sending.Elapsed.TotalSeconds;

        // Wait (up to 30 s) until every scope's pushes include its last change.
        var wait = Stopwatch.StartNew();
        while (wait.Elapsed < TimeSpan.FromSeconds(30) && scopes.Any(s => Highest(pushes[s]) < committed[s])) await Task.Delay(100);

        var latencies = new List<double>();
        var bySecond = new SortedDictionary<int, double>();
        var undelivered = 0;
        var started = changes.Count == 0 ? 0 : changes.Min(c => c.At);
        foreach (var (scope, n, at) in changes)
        {
            var list = pushes[scope];
            (long At, int Total)? first;
            lock (list) first = list.Cast<(long At, int Total)?>().FirstOrDefault(p => p!.Value.Total >= n);
            if (first is not { } push) { undelivered++; continue; }
            var ms = push.At > at ? Stopwatch.GetElapsedTime(at, push.At).TotalMilliseconds : 0;
            latencies.Add(ms);
            var second = (int)Stopwatch.GetElapsedTime(started, at).TotalSeconds;
            bySecond[second] = Math.Max(bySecond.GetValueOrDefault(second), ms);
        }
        // Whether latency grows with the run (the projection falls behind) or stays level.
        Log.Say("soak: slowest push by second of the run: " + string.Join(", ", bySecond.Select(b => $"{b.Key}s {b.Value:0}ms")));
        var pushCount = pushes.Values.Sum(l => { lock (l) return l.Count; });
        foreach (var hub in hubs) await hub.DisposeAsync();

        var sorted = latencies.OrderBy(x => x).ToArray();
        results.Bench("soak", "soak_commands", count - failed, "commands");
        results.Bench("soak", "soak_commands_per_s", (count - failed) / sendSeconds, "/s");
        results.Bench("soak", "soak_deliveries", sorted.Length, "scope changes");
        results.Bench("soak", "soak_undelivered", undelivered, "scope changes");
        results.Bench("soak", "soak_pushes", pushCount, "pushes");
        results.Bench("soak", "soak_command_to_push_p50", Stats.Percentile(sorted, 50), "ms");
        results.Bench("soak", "soak_command_to_push_p99", Stats.Percentile(sorted, 99), "ms");
        results.Bench("soak", "soak_command_to_push_max", sorted.Length == 0 ? 0 : sorted[^1], "ms");
        if (failed > 0) results.Note($"soak: {failed} proposals were refused");
        if (undelivered > 0) results.Note($"soak: {undelivered} scope changes got no push within 30 s");
        results.Timing("soak", clock.Elapsed.TotalSeconds);
    }

    private static int Highest(List<(long At, int Total)> pushes)
    {
        lock (pushes) return pushes.Count == 0 ? 0 : pushes.Max(p => p.Total);
    }
}
