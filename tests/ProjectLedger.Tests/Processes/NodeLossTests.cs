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
        var nodes = new List<AppProcess>();
        try
        {
            for (var i = 0; i < 3; i++) nodes.Add(await AppProcess.Start(shared));
            var clock = Stopwatch.StartNew();
            var runner = await RunnerOf(nodes, TimeSpan.FromSeconds(60));
            output.WriteLine($"projection assigned {clock.Elapsed.TotalSeconds:0.0} s after the third node was healthy, to :{runner.Port}");
            var survivors = nodes.Where(n => n != runner).ToList();

            // A session cookie from the node about to die opens a session on the others (one key ring for all).
            var cookies = await SignIn(runner);
            using (var other = new HttpClient(new HttpClientHandler { CookieContainer = Cookies(cookies, survivors[0].BaseUrl) }) { BaseAddress = new Uri(survivors[0].BaseUrl) })
                (await other.GetAsync("/api/dashboards/funnel")).StatusCode.ShouldBe(HttpStatusCode.OK, "a cookie from another node");

            var theme = "solmukato-" + Guid.NewGuid().ToString("N")[..8];
            var watchers = new List<Watcher>();
            foreach (var node in survivors) watchers.Add(await Watcher.Start(node.BaseUrl, theme, o => o.AccessTokenProvider = () => Task.FromResult<string?>(AppProcess.Token("leadership", "*"))));
            await using var proxy = new FailoverProxy([runner.Port, .. survivors.Select(s => s.Port)]);
            var proxied = await Watcher.Start(proxy.BaseUrl, theme, o =>
            {
                o.Cookies = Cookies(cookies, proxy.BaseUrl);
                o.Headers[CsrfGuard.Header] = "1";
            });
            watchers.Add(proxied);
            proxy.LastBackend.ShouldBe(runner.Port, "the proxied watcher starts on the node that is killed");

            await using var load = Load.Start(survivors, theme);
            await load.UntilCreated(20);
            var beforeKill = load.Created;
            await watchers[0].Until(beforeKill, TimeSpan.FromSeconds(30));

            runner.Kill();
            var killedAt = clock.Elapsed;
            var next = await RunnerOf(survivors, Takeover);
            var takeover = clock.Elapsed - killedAt;
            output.WriteLine($"killed :{runner.Port} at {killedAt.TotalSeconds:0.0} s under load ({beforeKill} proposals created); :{next.Port} ran the projection {takeover.TotalSeconds:0.0} s later");
            takeover.ShouldBeLessThan(Takeover);

            // Pushes after the takeover reach every watcher, the proxied one through another node.
            var afterTakeover = load.Created;
            await load.UntilCreated(afterTakeover + 20);
            var mark = load.Created;
            foreach (var watcher in watchers) await watcher.Until(mark, TimeSpan.FromSeconds(45));
            proxied.Reconnects.ShouldBeGreaterThan(0);
            proxy.LastBackend.ShouldNotBe(runner.Port);
            output.WriteLine($"the proxied watcher reconnected {proxied.Reconnects} time(s), to :{proxy.LastBackend}; it saw total {mark} {proxied.SecondsTo(mark):0.0} s after the kill's load mark");

            await load.DisposeAsync();
            var total = load.Created;
            foreach (var watcher in watchers) await watcher.Until(total, TimeSpan.FromSeconds(45));
            foreach (var watcher in watchers) watcher.Highest.ShouldBe(total, "a proposal counted twice");
            output.WriteLine($"{total} proposals, {load.Commands} commands; every watcher's last push showed all of them");

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
            foreach (var node in nodes) await node.DisposeAsync();
        }
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
                    var health = await http.GetFromJsonAsync<JsonElement>(node.BaseUrl + "/health");
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
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly List<(TimeSpan At, int Total)> _seen = [];
        public int Reconnects;

        private Watcher(HubConnection connection) => _connection = connection;

        public int Highest { get { lock (_seen) return _seen.Count == 0 ? 0 : _seen.Max(s => s.Total); } }

        public double SecondsTo(int total)
        {
            lock (_seen) return _seen.First(s => s.Total >= total).At.TotalSeconds;
        }

        public static async Task<Watcher> Start(string baseUrl, string theme, Action<Microsoft.AspNetCore.Http.Connections.Client.HttpConnectionOptions> configure)
        {
            var connection = new HubConnectionBuilder().WithUrl(baseUrl + "/hubs/dashboards", configure).WithAutomaticReconnect().Build();
            var watcher = new Watcher(connection);
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

    /// <summary>Two clients sending commands to the surviving nodes: proposals in the theme, every third one planned and piloted.</summary>
    private sealed class Load : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _running;
        private int _created;
        private int _commands;

        private Load(IReadOnlyList<AppProcess> nodes, string theme)
        {
            _running = Task.WhenAll(nodes.Select((node, i) => Run(node, theme, i)));
        }

        public static Load Start(IReadOnlyList<AppProcess> nodes, string theme) => new(nodes, theme);

        public int Created => Volatile.Read(ref _created);
        public int Commands => Volatile.Read(ref _commands);

        public async Task UntilCreated(int count)
        {
            while (Created < count)
            {
                if (_running.IsCompleted) await _running;
                await Task.Delay(50);
            }
        }

        private async Task Run(AppProcess node, string theme, int worker)
        {
            for (var n = worker; !_stop.IsCancellationRequested; n += 2)
            {
                var county = CountyCatalog.All[n % CountyCatalog.All.Count].Slug;
                using var office = node.Client("projectOffice", county);
                var created = await office.PostAsJsonAsync("/api/experiments", new
                {
                    title = $"Kokeilu {n}", problem = "Jonot ovat pitkiä.", county, themes = new[] { theme }, proposedByRole = "palveluesihenkilö",
                });
                created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
                Interlocked.Increment(ref _created);
                Interlocked.Increment(ref _commands);
                if (n % 3 != 0) continue;
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
