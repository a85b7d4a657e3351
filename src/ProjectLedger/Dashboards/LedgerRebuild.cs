using JasperFx.Events.Daemon;
using Marten;

namespace ProjectLedger.Dashboards;

/// <summary>
/// Rebuilds the dashboards from the event log: their documents are deleted and every event is
/// replayed. Uses the running daemon when this node has one (so two daemons never race on a
/// shard); otherwise a daemon built for the purpose. The command line has the same through
/// `projections rebuild`. A rebuild's replay pushes nothing (Marten calls no listener then), so
/// afterwards every scope's dashboards are pushed once: watchers see the rebuilt figures, and the
/// changes committed while it ran.
/// </summary>
public static class LedgerRebuild
{
    /// <summary>The dashboards projection's one shard, as the daemon and mt_event_progression name it.</summary>
    public const string Shard = nameof(DashboardProjection) + ":All";

    public static async Task RebuildDashboardsAsync(IServiceProvider services, TimeSpan shardTimeout, CancellationToken ct)
    {
        var store = services.GetRequiredService<IDocumentStore>();
        var push = services.GetRequiredService<DashboardPush>();
        if (services.GetService<IProjectionCoordinator>() is { } coordinator)
        {
            var running = coordinator.DaemonForMainDatabase();
            await running.RebuildProjectionAsync(typeof(DashboardProjection), shardTimeout, ct);
            // Pushed before the shard runs again, so no push of the rebuilt figures overtakes a newer one.
            await push.PushAllAsync(store, ct);
            // The daemon stops the shard after its replay and starts it again only with the host:
            // without this the dashboards stood still after a live rebuild.
            await running.StartAgentAsync(Shard, ct);
            return;
        }
        using var daemon = await store.BuildProjectionDaemonAsync();
        await daemon.RebuildProjectionAsync(typeof(DashboardProjection), shardTimeout, ct);
        await push.PushAllAsync(store, ct);
    }
}
