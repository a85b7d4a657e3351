using JasperFx.Events.Daemon;
using Marten;

namespace ProjectLedger.Dashboards;

/// <summary>
/// Rebuilds the dashboards from the event log: their documents are deleted and every event is
/// replayed. Uses the running daemon when this node has one (so two daemons never race on a
/// shard); otherwise a daemon built for the purpose. The command line has the same through
/// `projections rebuild`.
/// </summary>
public static class LedgerRebuild
{
    public static async Task RebuildDashboardsAsync(IServiceProvider services, TimeSpan shardTimeout, CancellationToken ct)
    {
        if (services.GetService<IProjectionCoordinator>() is { } coordinator)
        {
            await coordinator.DaemonForMainDatabase().RebuildProjectionAsync(typeof(DashboardProjection), shardTimeout, ct);
            return;
        }
        using var daemon = await services.GetRequiredService<IDocumentStore>().BuildProjectionDaemonAsync();
        await daemon.RebuildProjectionAsync(typeof(DashboardProjection), shardTimeout, ct);
    }
}
