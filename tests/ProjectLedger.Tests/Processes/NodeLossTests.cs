using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using ProjectLedger.Counties;
using ProjectLedger.Security;
using ProjectLedger.Tests.Faults;
using ProjectLedger.Tests.Infrastructure;
using Shouldly;
using Xunit.Abstractions;

namespace ProjectLedger.Tests.Processes;

/// <summary>
/// Three app nodes on one database (Wolverine assigns the dashboards projection to one of them) and
/// a Redis backplane, under load. The node running the projection is killed (SIGKILL): another takes
/// it over within 60 s, watchers on the other nodes keep getting pushes, a client behind a proxy
/// (a .NET HubConnection with automatic reconnect, standing in for the browser, signed in with a
/// session cookie the killed node issued) reconnects to another node by itself and watches again,
/// and in the end the dashboards equal a rebuild from the events.
/// </summary>
[Trait("Category", "Process")]
[Trait("Category", "Slow")]
public sealed class NodeLossTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Takeover = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task killing_the_node_that_runs_the_projections_moves_them_and_every_watcher_keeps_its_pushes()
    {
        using var redis = RedisServer.Start();
        var schema = "n_" + Guid.NewGuid().ToString("N")[..12];
        var shared = new Dictionary<string, string?>
        {
            ["LEDGER_SCHEMA"] = schema,
            ["LEDGER_MULTINODE"] = "1",
            ["LEDGER_REDIS"] = redis.Endpoint,
            ["LEDGER_RATE_LIMIT"] = "off",
        };
        var clock = Stopwatch.StartNew();
        var theme = "solmukato-" + Guid.NewGuid().ToString("N")[..8];
        var nodes = new List<AppProcess>();
        Load? load = null;
        try
        {
            // Start-up: commands on the first node while the other two join and the projection is assigned (and may move).
            nodes.Add(await AppProcess.Start(shared));
            var first = await Watcher.Start(nodes[0].BaseUrl, theme, clock, Bearer);
            load = Load.Start([nodes[0]], theme, clock);
            output.WriteLine($"node 1 healthy at {clock.Elapsed.TotalSeconds:0.0} s");
            for (var i = 1; i < 3; i++)
            {
                nodes.Add(await AppProcess.Start(shared));
                output.WriteLine($"node {i + 1} healthy at {clock.Elapsed.TotalSeconds:0.0} s");
            }
            var runner = await RunnerOf(nodes, TimeSpan.FromSeconds(60));
            await load.UntilCreated(load.Created + 20);
            var startUp = load.Created;
            await first.Until(startUp, TimeSpan.FromSeconds(60));
            var startUpCommits = load.Commits.Where(c => c.Count <= startUp).ToList();
            var startUpLatencies = Latencies(startUpCommits, first.Pushes);
            foreach (var second in startUpCommits.Zip(startUpLatencies).GroupBy(x => (int)x.First.At.TotalSeconds))
                output.WriteLine($"  at {second.Key} s: {second.Count()} commands, slowest push {second.Max(x => x.Second).TotalMilliseconds:0} ms");
            Report("while nodes 2 and 3 started", startUpLatencies);
            await first.DisposeAsync();

            var survivors = nodes.Where(n => n != runner).ToList();
            load.SendTo(survivors);
            output.WriteLine($"the dashboards projection runs on :{runner.Port} ({clock.Elapsed.TotalSeconds:0.0} s)");

            // A session cookie from the node about to die opens a session on the others (one key ring for all).
            var cookies = await SignIn(runner);
            using (var other = new HttpClient(new HttpClientHandler { CookieContainer = Cookies(cookies, survivors[0].BaseUrl) }) { BaseAddress = new Uri(survivors[0].BaseUrl) })
                (await other.GetAsync("/api/dashboards/funnel")).StatusCode.ShouldBe(HttpStatusCode.OK, "a cookie from another node");

            var watchers = new List<Watcher>();
            foreach (var node in survivors) watchers.Add(await Watcher.Start(node.BaseUrl, theme, clock, Bearer));
            await using var proxy = new FailoverProxy([runner.Port, .. survivors.Select(s => s.Port)]);
            var proxied = await Watcher.Start(proxy.BaseUrl, theme, clock, o =>
            {
                o.Cookies = Cookies(cookies, proxy.BaseUrl);
                o.Headers[CsrfGuard.Header] = "1";
            });
            watchers.Add(proxied);
            proxy.LastBackend.ShouldBe(runner.Port, "the proxied watcher starts on the node that is killed");

            await load.UntilCreated(load.Created + 20);
            var beforeKill = load.Created;
            foreach (var watcher in watchers) await watcher.Until(beforeKill, TimeSpan.FromSeconds(30));

            await using var health = new HealthLog(survivors);
            runner.Kill();
            var killedAt = clock.Elapsed;
            var next = await RunnerOf(survivors, Takeover);
            var takeover = clock.Elapsed - killedAt;
            output.WriteLine($"killed :{runner.Port} under load; :{next.Port} ran the projection {takeover.TotalSeconds:0.0} s later");
            takeover.ShouldBeLessThan(Takeover);

            // Pushes after the takeover reach every watcher, the proxied one through another node.
            await load.UntilCreated(load.Created + 20);
            var mark = load.Created;
            foreach (var watcher in watchers) await watcher.Until(mark, TimeSpan.FromSeconds(45));
            proxied.Reconnects.ShouldBeGreaterThan(0);
            proxy.LastBackend.ShouldNotBe(runner.Port);
            output.WriteLine($"the proxied watcher reconnected {proxied.Reconnects} time(s), to :{proxy.LastBackend}");
            await health.DisposeAsync();
            output.WriteLine("the survivors' /health meanwhile: " + string.Join("; ",
                health.Seen.GroupBy(h => System.Text.RegularExpressions.Regex.Replace(h, @"\d+", "N")).Select(g => $"{g.Count()}× {g.Key}")));
            health.Seen.ShouldContain(h => h.StartsWith("Degraded") && h.Contains("no live node"), "the survivors say no live node runs the projection");
            health.Seen.ShouldNotContain(h => h.StartsWith("Unhealthy"), "a survivor called itself unhealthy for a projection lost with another node");

            await load.DisposeAsync();
            var total = load.Created;
            foreach (var watcher in watchers) await watcher.Until(total, TimeSpan.FromSeconds(45));
            foreach (var watcher in watchers) watcher.Highest.ShouldBe(total, "a proposal counted twice");
            var afterKill = load.Commits.Where(c => c.At > killedAt).ToList();
            foreach (var (watcher, name) in watchers.Zip(["survivor 1", "survivor 2", "behind the proxy"]))
                Report($"after the kill, {name}", Latencies(afterKill, watcher.Pushes));
            output.WriteLine($"{total} proposals, {load.Commands} commands in {clock.Elapsed.TotalSeconds:0} s; every watcher's last push showed all of them");

            foreach (var watcher in watchers) await watcher.DisposeAsync();
            foreach (var node in nodes) await node.DisposeAsync();
            await FaultLedger.ShouldEqualARebuild(TestDatabase.ConnectionString, schema);
        }
        catch
        {
            foreach (var node in nodes) output.WriteLine($"--- node :{node.Port} ---\n{node.Output[^Math.Min(node.Output.Length, 4000)..]}");
            throw;
        }
        finally
        {
            if (load is not null) await load.DisposeAsync();
            foreach (var node in nodes) await node.DisposeAsync();
        }
    }

    private static void Bearer(Microsoft.AspNetCore.Http.Connections.Client.HttpConnectionOptions o) =>
        o.AccessTokenProvider = () => Task.FromResult<string?>(AppProcess.Token("leadership", "*"));

    /// <summary>
    /// Command→push latency: for each 201 (by then Count proposals were committed), the time to the
    /// first push whose total includes them all; zero when that push came before the 201.
    /// </summary>
    private static List<TimeSpan> Latencies(IReadOnlyList<(TimeSpan At, int Count)> commits, IReadOnlyList<(TimeSpan At, int Total)> pushes) =>
        [.. commits.Select(c => pushes.FirstOrDefault(p => p.Total >= c.Count) is { At: var at } && at != default
            ? (at > c.At ? at - c.At : TimeSpan.Zero)
            : TimeSpan.MaxValue)];

    private void Report(string phase, List<TimeSpan> latencies)
    {
        latencies.ShouldNotBeEmpty();
        latencies.Sort();
        TimeSpan At(double q) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
        output.WriteLine($"command→push {phase}: {latencies.Count} commands, p50 {At(0.5).TotalMilliseconds:0} ms, p99 {At(0.99).TotalMilliseconds:0} ms, max {latencies[^1].TotalMilliseconds:0} ms");
        latencies[^1].ShouldBeLessThan(Takeover + TimeSpan.FromSeconds(15), phase);
    }

    /// <summary>The node whose /health says it runs the dashboards projection.</summary>
    private static async Task<AppProcess> RunnerOf(IReadOnlyList<AppProcess> nodes, TimeSpan within)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < within)
        {
            foreach (var node in nodes)
            {
                try
                {
                    using var answer = await http.GetAsync(node.BaseUrl + "/health");
                    var health = await answer.Content.ReadFromJsonAsync<JsonElement>();
                    if (health.GetProperty("checks").GetProperty("projections").GetProperty("data").TryGetProperty("runsHere", out var agents)
                        && agents.EnumerateArray().Any(a => a.GetString()!.Contains("dashboardprojection", StringComparison.OrdinalIgnoreCase)))
                        return node;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException)
                {
                    // Not answering (yet): ask again.
                }
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"No node ran the dashboards projection within {within.TotalSeconds} s.");
    }

    /// <summary>What the nodes' /health said, polled every 250 ms: "Status: the projections check's description".</summary>
    private sealed class HealthLog : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly List<string> _seen = [];
        private readonly Task _polling;

        public HealthLog(IReadOnlyList<AppProcess> nodes) => _polling = Task.Run(() => Poll(nodes));

        public List<string> Seen { get { lock (_seen) return [.. _seen]; } }

        private async Task Poll(IReadOnlyList<AppProcess> nodes)
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            while (!_stop.IsCancellationRequested)
            {
                foreach (var node in nodes)
                {
                    try
                    {
                        using var answer = await http.GetAsync(node.BaseUrl + "/health", _stop.Token);
                        var health = await answer.Content.ReadFromJsonAsync<JsonElement>(_stop.Token);
                        var projections = health.GetProperty("checks").GetProperty("projections");
                        lock (_seen) _seen.Add($"{health.GetProperty("status").GetString()}: {projections.GetProperty("description").GetString()}");
                    }
                    catch (Exception e) when (e is HttpRequestException or OperationCanceledException or JsonException or KeyNotFoundException)
                    {
                        // Stopping, or no answer: nothing to note.
                    }
                }
                try { await Task.Delay(250, _stop.Token); } catch (OperationCanceledException) { }
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_stop.IsCancellationRequested) return;
            await _stop.CancelAsync();
            await _polling;
        }
    }

    private static async Task<CookieCollection> SignIn(AppProcess node)
    {
        var jar = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = jar }) { BaseAddress = new Uri(node.BaseUrl) };
        var login = await http.PostAsJsonAsync("/api/demo/login", new { user = "kaisa", role = "leadership", county = "*" });
        login.StatusCode.ShouldBe(HttpStatusCode.OK, await login.Content.ReadAsStringAsync());
        var cookies = jar.GetCookies(new Uri(node.BaseUrl));
        cookies.ShouldNotBeEmpty();
        return cookies;
    }

    private static CookieContainer Cookies(CookieCollection cookies, string baseUrl)
    {
        var jar = new CookieContainer();
        foreach (Cookie c in cookies) jar.Add(new Uri(baseUrl), new Cookie(c.Name, c.Value, "/"));
        return jar;
    }

    /// <summary>
    /// A client watching the theme's funnel, as the web client does: on reconnect it watches again and
    /// takes the answer. Only pushes count as seen: the answer to Watch is a read, not a delivery.
    /// </summary>
    private sealed class Watcher : IAsyncDisposable
    {
        private readonly HubConnection _connection;
        private readonly Stopwatch _clock;
        private readonly List<(TimeSpan At, int Total)> _seen = [];
        public int Reconnects;

        private Watcher(HubConnection connection, Stopwatch clock)
        {
            _connection = connection;
            _clock = clock;
        }

        public int Highest { get { lock (_seen) return _seen.Count == 0 ? 0 : _seen.Max(s => s.Total); } }

        public List<(TimeSpan At, int Total)> Pushes { get { lock (_seen) return [.. _seen]; } }

        public static async Task<Watcher> Start(string baseUrl, string theme, Stopwatch clock, Action<Microsoft.AspNetCore.Http.Connections.Client.HttpConnectionOptions> configure)
        {
            var connection = new HubConnectionBuilder().WithUrl(baseUrl + "/hubs/dashboards", configure).WithAutomaticReconnect().Build();
            var watcher = new Watcher(connection, clock);
            connection.On<JsonElement>("dashboardChanged", m => watcher.Saw(m, theme));
            connection.Reconnected += async _ =>
            {
                Interlocked.Increment(ref watcher.Reconnects);
                await connection.InvokeAsync<JsonElement>("Watch", "funnel", "theme:" + theme);
            };
            await connection.StartAsync();
            await connection.InvokeAsync<JsonElement>("Watch", "funnel", "theme:" + theme);
            return watcher;
        }

        private void Saw(JsonElement message, string theme)
        {
            if (message.GetProperty("scope").GetString() != "theme:" + theme) return;
            lock (_seen) _seen.Add((_clock.Elapsed, message.GetProperty("data").GetProperty("total").GetInt32()));
        }

        public async Task Until(int total, TimeSpan within)
        {
            var clock = Stopwatch.StartNew();
            while (Highest < total)
            {
                if (clock.Elapsed > within)
                    throw new TimeoutException($"A watcher ({_connection.State}) saw at most {Highest} proposals, not {total}, within {within.TotalSeconds} s.");
                await Task.Delay(100);
            }
        }

        public ValueTask DisposeAsync() => _connection.DisposeAsync();
    }

    /// <summary>
    /// Two clients sending commands (a little paced, the machine is shared) to the nodes they are
    /// pointed at: proposals in the theme, every third one planned and piloted.
    /// </summary>
    private sealed class Load : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Stopwatch _clock;
        private readonly List<(TimeSpan At, int Count)> _commits = [];
        private readonly Task _running;
        private volatile IReadOnlyList<AppProcess> _targets;
        private int _created;
        private int _commands;

        private Load(IReadOnlyList<AppProcess> nodes, string theme, Stopwatch clock)
        {
            _targets = nodes;
            _clock = clock;
            _running = Task.WhenAll(Enumerable.Range(0, 2).Select(i => Task.Run(() => Run(theme, i))));
        }

        public static Load Start(IReadOnlyList<AppProcess> nodes, string theme, Stopwatch clock) => new(nodes, theme, clock);

        public void SendTo(IReadOnlyList<AppProcess> nodes) => _targets = nodes;

        public int Created => Volatile.Read(ref _created);
        public int Commands => Volatile.Read(ref _commands);
        public List<(TimeSpan At, int Count)> Commits { get { lock (_commits) return [.. _commits]; } }

        public async Task UntilCreated(int count)
        {
            while (Created < count)
            {
                if (_running.IsCompleted) await _running;
                await Task.Delay(50);
            }
        }

        private async Task Run(string theme, int worker)
        {
            for (var n = worker; !_stop.IsCancellationRequested; n += 2)
            {
                var targets = _targets;
                var node = targets[n / 2 % targets.Count];
                var county = CountyCatalog.All[n % CountyCatalog.All.Count].Slug;
                using var office = node.Client("projectOffice", county);
                var created = await office.PostAsJsonAsync("/api/experiments", new
                {
                    title = $"Kokeilu {n}", problem = "Jonot ovat pitkiä.", county, themes = new[] { theme }, proposedByRole = "palveluesihenkilö",
                });
                created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
                lock (_commits) _commits.Add((_clock.Elapsed, ++_created));
                Interlocked.Increment(ref _commands);
                if (n % 3 == 0)
                {
                    var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
                    await Send(office, $"/api/experiments/{id}/plan", new
                    {
                        hypothesis = "Chat vähentää jonoja", targetGroup = "Asiakkaat",
                        successCriteria = new[] { new { metric = "Sähköisen asioinnin osuus", baseline = 12, target = 30, unit = "%" } },
                        participationHours = 40,
                    });
                    var today = DateOnly.FromDateTime(DateTime.UtcNow);
                    await Send(office, $"/api/experiments/{id}/pilot", new
                    {
                        sites = new[] { "Terveysasema" }, start = today.AddDays(-2).ToString("yyyy-MM-dd"), plannedEnd = today.AddDays(30).ToString("yyyy-MM-dd"), channels = new[] { "verkkoalusta" },
                    });
                }
                await Task.Delay(25);
            }
        }

        private async Task Send(HttpClient client, string url, object body)
        {
            var response = await client.PostAsJsonAsync(url, body);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            Interlocked.Increment(ref _commands);
        }

        public async ValueTask DisposeAsync()
        {
            if (_stop.IsCancellationRequested) return;
            await _stop.CancelAsync();
            await _running;
        }
    }
}
