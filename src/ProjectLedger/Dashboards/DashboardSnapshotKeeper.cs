using ProjectLedger.Experiments;
using ProjectLedger.Hosting;

namespace ProjectLedger.Dashboards;

/// <summary>
/// On the node that runs the projections: a while after start-up, then every hour, stores the dated
/// snapshots of the days completed since the last pass (nothing, most hours). It never blocks a
/// request or the start; a failed pass is logged and tried again the next hour. One node at a time.
/// LEDGER_SNAPSHOTS=off turns it off (the tests build snapshots themselves).
/// </summary>
public sealed class DashboardSnapshotKeeper(DashboardSnapshots snapshots, ExperimentEventRows rows, TimeProvider clock, ILogger<DashboardSnapshotKeeper> logger)
    : BackgroundService
{
    private static readonly TimeSpan FirstPass = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Every = TimeSpan.FromHours(1);

    /// <summary>Several nodes may run the projections: one pass at a time (an advisory lock held for the pass), the others skip.</summary>
    private async Task<int> OnOneNode(CancellationToken ct)
    {
        await using var connection = await rows.DataSource.OpenConnectionAsync(ct);
        await using (var take = new Npgsql.NpgsqlCommand("select pg_try_advisory_lock(hashtext('projectledger.dashboard-snapshots'))", connection))
            if (await take.ExecuteScalarAsync(ct) is not true) return 0;
        try
        {
            return await snapshots.Advance(ct);
        }
        finally
        {
            await using var release = new Npgsql.NpgsqlCommand("select pg_advisory_unlock(hashtext('projectledger.dashboard-snapshots'))", connection);
            await release.ExecuteScalarAsync(CancellationToken.None);
        }
    }

    public static bool Wanted(LedgerOptions ledger, IConfiguration config) =>
        ledger.RunDaemon && config["LEDGER_SNAPSHOTS"] is not ("off" or "0" or "false" or "no");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(FirstPass, clock, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var started = clock.GetTimestamp();
                    var stored = await OnOneNode(stoppingToken);
                    if (stored > 0)
                        logger.LogInformation("Stored {Count} dated dashboard snapshots in {Seconds:0.0} s", stored, clock.GetElapsedTime(started).TotalSeconds);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Storing the dated dashboard snapshots failed; trying again in an hour");
                }
                await Task.Delay(Every, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
