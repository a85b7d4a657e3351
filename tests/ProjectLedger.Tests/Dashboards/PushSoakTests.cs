using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using ProjectLedger.Counties;
using ProjectLedger.Dashboards;
using ProjectLedger.Tests.Infrastructure;
using Shouldly;
using Xunit.Abstractions;

namespace ProjectLedger.Tests.Dashboards;

/// <summary>
/// Every committed change reaches the watchers of every scope it touches. A host of its own, started
/// by the test (so the first commands land right after start-up), watchers on the funnel of every
/// county, the national scope and three themes; proposals spread over them, first on a fresh node,
/// then while the dashboards are rebuilt.
///
/// What "once" means: a push carries a scope's whole funnel as committed, and the projection sends
/// one per scope per batch, so one push may deliver several changes. A change is delivered by the
/// first push for its scope whose total includes it; per scope the pushed totals never go back, so
/// every change is delivered exactly once, and no scope gets more pushes than it had changes (plus
/// one after each rebuild, which sends every scope once).
/// Latency is measured from the command's 201 (its commit is known) to that push.
/// </summary>
[Trait("Category", "Slow")]
public sealed class PushSoakTests(ITestOutputHelper output)
{
    private const int AfterStartUp = 150;
    private const int DuringRebuild = 100;
    private const int Workers = 4;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task every_committed_change_is_pushed_once_to_every_scope_it_touches_after_start_up_and_during_a_rebuild()
    {
        await using var host = await LedgerApp.Start("s_" + Guid.NewGuid().ToString("N")[..12], new Dictionary<string, string?>());
        var app = LedgerApp.For(host);
        var themes = Enumerable.Range(0, 3).Select(i => $"soak-{i}-{Guid.NewGuid().ToString("N")[..6]}").ToArray();
        var scopes = CountyCatalog.All.Select(c => "county:" + c.Slug).Append("national").Concat(themes.Select(t => "theme:" + t)).ToArray();
        var log = new PushLog(scopes);
        var connections = new List<HubConnection>();
        try
        {
            foreach (var scope in scopes) connections.Add(await Watch(app, scope, log));

            var phase1 = await Send(app, themes, log, AfterStartUp);

            var rebuild = LedgerRebuild.RebuildDashboardsAsync(host.Services, TimeSpan.FromMinutes(2), CancellationToken.None);
            var phase2 = await Send(app, themes, log, DuringRebuild);
            await rebuild;

            var all = phase1.Concat(phase2).ToList();
            await log.WaitForAll(all, Bound);

            Report("after start-up", log.Latencies(phase1));
            Report("during a rebuild", log.Latencies(phase2));
            log.Undelivered(all).ShouldBeEmpty("changes no push delivered within " + Bound.TotalSeconds + " s");
            foreach (var scope in scopes)
            {
                var pushes = log.Of(scope);
                pushes.Select(p => p.Total).ShouldBeInOrder(SortDirection.Ascending, $"{scope}: a push went back");
                pushes[^1].Total.ShouldBe(all.Count(c => c.Scopes.Contains(scope)), $"{scope}: last pushed total");
                pushes.Count.ShouldBeLessThanOrEqualTo(all.Count(c => c.Scopes.Contains(scope)) + 1, $"{scope}: more pushes than changes");
            }
            log.Latencies(all).Max().ShouldBeLessThan(Bound);
        }
        finally
        {
            foreach (var connection in connections) await connection.DisposeAsync();
        }
    }

    private void Report(string phase, IReadOnlyList<TimeSpan> latencies)
    {
        var sorted = latencies.OrderBy(l => l).ToList();
        TimeSpan At(double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
        output.WriteLine($"command→push {phase}: {sorted.Count} deliveries, p50 {At(0.5).TotalMilliseconds:0} ms, p99 {At(0.99).TotalMilliseconds:0} ms, max {sorted[^1].TotalMilliseconds:0} ms");
    }

    private static async Task<HubConnection> Watch(LedgerApp app, string scope, PushLog log)
    {
        var server = app.Host.Server;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, DashboardHub.Path), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => server.CreateHandler();
                o.AccessTokenProvider = () => Task.FromResult<string?>(app.Token("leadership", "*"));
            })
            .Build();
        connection.On<JsonElement>(DashboardHub.ChangedMessage, m =>
        {
            if (m.GetProperty("dashboard").GetString() == "funnel")
                log.Pushed(m.GetProperty("scope").GetString()!, m.GetProperty("data").GetProperty("total").GetInt32());
        });
        await connection.StartAsync();
        var current = await connection.InvokeAsync<JsonElement>("Watch", "funnel", scope);
        current.GetProperty("scope").GetString().ShouldBe(scope);
        return connection;
    }

    /// <summary>Proposals over the counties (round robin) and themes, from Workers clients at once.</summary>
    private static async Task<List<Change>> Send(LedgerApp app, string[] themes, PushLog log, int count)
    {
        var next = -1;
        var sent = new List<Change>();
        var offset = log.Sent;
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(async _ =>
        {
            using var client = app.Host.Server.CreateClient();
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var n = offset + i;
                var county = CountyCatalog.All[n % CountyCatalog.All.Count].Slug;
                var theme = themes[n % themes.Length];
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/experiments")
                {
                    Content = JsonContent.Create(new { title = $"Kokeilu {n}", problem = "Jonot ovat pitkiä.", county, themes = new[] { theme }, proposedByRole = "palveluesihenkilö" }),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", app.Token("projectOffice", county));
                using var response = await client.SendAsync(request);
                response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
                var change = log.Committed(["national", "county:" + county, "theme:" + theme]);
                lock (sent) sent.Add(change);
            }
        }));
        return sent;
    }

    /// <summary>A committed change: its scopes, when its 201 came, and how many changes each scope had committed by then.</summary>
    public sealed record Change(string[] Scopes, TimeSpan CommittedAt, Dictionary<string, int> CountAt);

    public sealed record Push(TimeSpan At, int Total);

    private sealed class PushLog(string[] scopes)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly Dictionary<string, List<Push>> _pushes = scopes.ToDictionary(s => s, _ => new List<Push>());
        private readonly Dictionary<string, int> _committed = scopes.ToDictionary(s => s, _ => 0);

        public int Sent { get { lock (this) return _committed["national"]; } }

        public void Pushed(string scope, int total)
        {
            lock (this) if (_pushes.TryGetValue(scope, out var list)) list.Add(new Push(_clock.Elapsed, total));
        }

        public Change Committed(string[] changeScopes)
        {
            lock (this)
            {
                var at = _clock.Elapsed;
                foreach (var s in changeScopes) _committed[s]++;
                return new Change(changeScopes, at, changeScopes.ToDictionary(s => s, s => _committed[s]));
            }
        }

        public List<Push> Of(string scope)
        {
            lock (this) return [.. _pushes[scope]];
        }

        /// <summary>The first push that delivers the change to the scope: the first whose total includes every change committed before it.</summary>
        private Push? Delivery(Change change, string scope)
        {
            lock (this) return _pushes[scope].FirstOrDefault(p => p.Total >= change.CountAt[scope]);
        }

        public List<string> Undelivered(IEnumerable<Change> changes) =>
            [.. changes.SelectMany(c => c.Scopes.Where(s => Delivery(c, s) is null).Select(s => $"{s} #{c.CountAt[s]}"))];

        public List<TimeSpan> Latencies(IEnumerable<Change> changes) =>
            [.. changes.SelectMany(c => c.Scopes.Select(s => Delivery(c, s) is not { } p ? TimeSpan.MaxValue
                : p.At > c.CommittedAt ? p.At - c.CommittedAt : TimeSpan.Zero))];

        public async Task WaitForAll(IReadOnlyList<Change> changes, TimeSpan bound)
        {
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < bound && Undelivered(changes).Count > 0) await Task.Delay(100);
        }
    }
}
