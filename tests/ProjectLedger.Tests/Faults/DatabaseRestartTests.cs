using System.Collections.Concurrent;
using System.Diagnostics;
using ProjectLedger.Tests.Experiments;
using ProjectLedger.Tests.Infrastructure;
using ProjectLedger.Tests.Processes;
using Shouldly;
using Xunit.Abstractions;

namespace ProjectLedger.Tests.Faults;

/// <summary>
/// PostgreSQL (a cluster of the test's own: other tests share the main one) is stopped with
/// `-m immediate` under load and started again. While it is down the app answers 503 problem details
/// with Retry-After within a few seconds (no hangs, no 500s) and /health is unhealthy; afterwards
/// /health is healthy again, no acknowledged write is lost, and — without restarting the app — the
/// projection daemon carries on: new commands reach the dashboards (Marten #4961: the daemon once
/// stopped after a database outage while health said Healthy).
/// </summary>
[Trait("Category", "Slow")]
[Trait("Category", "Process")]
[Trait("Category", "Faults")]
public sealed class DatabaseRestartTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Down = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task an_immediate_database_restart_under_load_answers_503_quickly_loses_nothing_and_the_daemon_resumes()
    {
        var clock = Stopwatch.StartNew();
        var cluster = new OwnCluster("fault-" + Guid.NewGuid().ToString("N")[..8]);
        AppProcess? app = null;
        try
        {
            var connection = await cluster.Start();
            app = await AppProcess.Start(new Dictionary<string, string?> { ["LEDGER_DB"] = connection, ["LEDGER_RATE_LIMIT"] = "off" });
            output.WriteLine($"cluster {cluster.Name} and app up ({clock.Elapsed.TotalSeconds:0.0} s)");
            using var office = app.Client("projectOffice", "vantaa-kerava");
            office.Timeout = TimeSpan.FromSeconds(20);
            using var anonymous = new HttpClient { BaseAddress = new Uri(app.BaseUrl), Timeout = TimeSpan.FromSeconds(20) };
            var load = new CommandLoad(office, "katko-" + Guid.NewGuid().ToString("N")[..8], seed: 5150);
            await load.Seed();

            using var stop = new CancellationTokenSource();
            var health = new ConcurrentQueue<(TimeSpan At, Answer Answer)>();
            var probing = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    health.Enqueue((clock.Elapsed, await anonymous.GetAnswer("/health")));
                    await Task.Delay(100);
                }
            });
            var running = load.Run(clients: 3, stop.Token);
            await FaultHttp.Until(() => load.Acknowledged >= 40, TimeSpan.FromSeconds(30));

            // Down: every answer is a prompt 503 problem with Retry-After; health says so too.
            await cluster.StopImmediately();
            var downAt = clock.Elapsed;
            output.WriteLine($"database stopped -m immediate after {load.Acknowledged} acknowledged commands ({downAt.TotalSeconds:0.0} s)");
            await Task.Delay(Down);
            var whileDown = await Task.WhenAll(
                office.PostJson("/api/experiments", ExperimentBodies.ChatAdvice()),
                office.PostJson($"/api/experiments/{load.Piloting[0]}/participation", ExperimentBodies.Myllypuro()),
                office.GetAnswer($"/api/experiments/{load.Piloting[0]}"),
                office.GetAnswer("/api/dashboards/funnel?county=vantaa-kerava"));
            foreach (var answer in whileDown)
            {
                answer.Status.ShouldBe(503, answer.ToString());
                answer.IsProblem.ShouldBeTrue(answer.ToString());
                answer.RetryAfter.ShouldNotBeNull(answer.ToString());
                answer.Elapsed.ShouldBeLessThan(Prompt, answer.ToString());
            }
            var upAt = clock.Elapsed;
            await cluster.Resume();
            output.WriteLine($"database resumed ({upAt.TotalSeconds:0.0} s)");

            // Back: health recovers by itself, the load goes on.
            await FaultHttp.Until(() => health.LastOrDefault().At > upAt && health.Last().Answer.Status == 200, TimeSpan.FromSeconds(30));
            var healthyAgainAt = clock.Elapsed;
            var acknowledgedWhenBack = load.Acknowledged;
            await FaultHttp.Until(() => load.Acknowledged >= acknowledgedWhenBack + 20, TimeSpan.FromSeconds(30));
            await stop.CancelAsync();
            await Task.WhenAll(running, probing);
            output.WriteLine($"healthy again at {healthyAgainAt.TotalSeconds:0.0} s; load stopped ({clock.Elapsed.TotalSeconds:0.0} s)");

            var sent = load.Sent;
            output.WriteLine($"{sent.Count} commands, statuses {Summary(sent.Select(s => s.Status))}; " +
                             $"health statuses {Summary(health.Select(h => h.Answer.Status))}");
            sent.ShouldNotContain(s => s.Status == 0, "a command got no answer (a hang or a dropped connection)");
            sent.ShouldNotContain(s => s.Status == 500, "a 500 while the database was down");
            sent.Where(s => s.Status == 503).ShouldAllBe(s => s.Elapsed < Prompt, "a 503 took too long");
            sent.Where(s => s.Status is >= 400 and < 500).ShouldAllBe(s => s.Status == 409, "only write conflicts are refused");
            health.Where(h => h.At > downAt + TimeSpan.FromSeconds(1) && h.At < upAt).ShouldNotBeEmpty();
            health.Where(h => h.At > downAt + TimeSpan.FromSeconds(1) && h.At < upAt)
                .ShouldAllBe(h => h.Answer.Status == 503 && h.Answer.Elapsed < Prompt, "health while the database is down");
            health.ShouldAllBe(h => h.Answer.Status != 0, "a /health request got no answer");

            // No acknowledged write is lost; a 503 may hide a commit whose answer was lost, all or nothing.
            var events = await FaultLedger.Events(connection, app.Schema);
            events.ShouldMatch(sent);

            // The daemon resumed without an app restart: a command made now reaches the dashboards.
            var theme = "jalkeen-" + Guid.NewGuid().ToString("N")[..8];
            (await office.PostJson("/api/experiments", ExperimentBodies.ChatAdvice(theme: theme))).Status.ShouldBe(201);
            using var national = app.Client("leadership", "*");
            await FaultHttp.Until(() => FunnelTotal(national, theme) == 1, TimeSpan.FromSeconds(20));
            await FaultLedger.WaitForProjections(connection, app.Schema, TimeSpan.FromSeconds(20));
            var healthy = await anonymous.GetAnswer("/health");
            healthy.Status.ShouldBe(200, healthy.ToString());

            app.Kill(); // no daemon may write while the rebuild runs
            await FaultLedger.ShouldEqualARebuild(connection, app.Schema);
            output.WriteLine($"{events.Count} events checked; dashboards caught up and equal a rebuild ({clock.Elapsed.TotalSeconds:0.0} s)");
            // Evidence the outage reached the daemon's LISTEN connection (the path of #4961), when Marten logs it.
            output.WriteLine("daemon log lines about LISTEN: " + string.Join(" | ",
                app.Output.Split('\n').Where(l => l.Contains("LISTEN", StringComparison.Ordinal)).Take(3).Select(l => l.Length > 200 ? l[..200] : l)));
        }
        catch
        {
            if (app is not null) output.WriteLine(app.Output);
            throw;
        }
        finally
        {
            if (app is not null) await app.DisposeAsync();
            await cluster.Destroy();
        }
    }

    private static int FunnelTotal(HttpClient client, string theme)
    {
        var answer = client.GetAnswer($"/api/dashboards/funnel?theme={theme}").GetAwaiter().GetResult();
        return answer.Status == 200 ? answer.Json["total"]!.GetValue<int>() : -1;
    }

    private static string Summary(IEnumerable<int> statuses) =>
        string.Join(", ", statuses.GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}"));
}

/// <summary>A PostgreSQL cluster of the test's own through ops/db (start, stop --immediate, resume), removed at the end.</summary>
public sealed class OwnCluster(string name)
{
    public string Name => name;

    public async Task<string> Start() => (await Db("start")).Trim().Split('\n').Last();

    public Task StopImmediately() => Db("stop", "--immediate");

    public Task Resume() => Db("resume");

    public Task Destroy() => Db("destroy");

    private async Task<string> Db(params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppProcess.RepositoryRoot(), "ops", "db"));
        start.ArgumentList.Add(args[0]);
        start.ArgumentList.Add(name);
        foreach (var arg in args.Skip(1)) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"ops/db {string.Join(' ', args)} {name} failed ({process.ExitCode}): {await stderr}");
        return await stdout;
    }
}
