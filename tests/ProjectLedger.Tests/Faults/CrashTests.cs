using System.Diagnostics;
using ProjectLedger.Tests.Infrastructure;
using ProjectLedger.Tests.Processes;
using Shouldly;
using Xunit.Abstractions;

namespace ProjectLedger.Tests.Faults;

/// <summary>
/// The app process is SIGKILLed in the middle of a stream of commands and started again. Every
/// command that was answered 2xx has its events (once), a command whose answer was lost is there
/// completely or not at all, and the dashboards the daemon built — across the crash — equal a rebuild
/// from the event log (nothing applied twice, nothing skipped).
/// </summary>
[Trait("Category", "Slow")]
[Trait("Category", "Process")]
[Trait("Category", "Faults")]
public sealed class CrashTests(ITestOutputHelper output)
{
    [Fact]
    public async Task a_sigkill_mid_stream_loses_no_acknowledged_write_and_the_dashboards_equal_a_rebuild()
    {
        var clock = Stopwatch.StartNew();
        await using var app = await AppProcess.Start(new Dictionary<string, string?> { ["LEDGER_RATE_LIMIT"] = "off" });
        try
        {
            using var office = app.Client("projectOffice", "vantaa-kerava");
            office.Timeout = TimeSpan.FromSeconds(10);
            var load = new CommandLoad(office, "kaatuminen-" + Guid.NewGuid().ToString("N")[..8], seed: 4242);
            await load.Seed();

            using var stop = new CancellationTokenSource();
            var running = load.Run(clients: 4, stop.Token);
            await FaultHttp.Until(() => load.Acknowledged >= 50, TimeSpan.FromSeconds(30));
            var beforeKill = load.Acknowledged;
            app.Kill();
            output.WriteLine($"killed after {beforeKill} acknowledged commands ({clock.Elapsed.TotalSeconds:0.0} s)");

            await app.Restart();
            output.WriteLine($"restarted ({clock.Elapsed.TotalSeconds:0.0} s)");
            var afterRestart = load.Acknowledged;
            await FaultHttp.Until(() => load.Acknowledged >= afterRestart + 25, TimeSpan.FromSeconds(30));
            await stop.CancelAsync();
            await running;

            var sent = load.Sent;
            var lost = sent.Count(s => s.Status == 0);
            output.WriteLine($"{sent.Count} commands: {load.Acknowledged} acknowledged, {lost} without an answer, " +
                             $"statuses {string.Join(", ", sent.GroupBy(s => s.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}"))}");
            sent.ShouldNotContain(s => s.Status >= 500, "a 5xx during the crash and restart");
            sent.Where(s => s.Status is >= 400 and < 500).ShouldAllBe(s => s.Status == 409, "only write conflicts are refused");

            var events = await FaultLedger.Events(TestDatabase.ConnectionString, app.Schema);
            events.ShouldMatch(sent);

            // The restarted daemon catches up by itself, and its documents equal a rebuild's.
            await FaultLedger.WaitForProjections(TestDatabase.ConnectionString, app.Schema, TimeSpan.FromSeconds(30));
            var health = await office.GetAnswer("/health");
            health.Status.ShouldBe(200, health.ToString());
            output.WriteLine("health after convergence: " + health.Body);
            app.Kill(); // no daemon may write while the rebuild runs
            await FaultLedger.ShouldEqualARebuild(TestDatabase.ConnectionString, app.Schema);
            output.WriteLine($"{events.Count} events checked, dashboards equal a rebuild ({clock.Elapsed.TotalSeconds:0.0} s)");
        }
        catch
        {
            output.WriteLine(app.Output);
            throw;
        }
    }
}
