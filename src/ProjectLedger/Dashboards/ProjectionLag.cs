using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ProjectLedger.Streams;

namespace ProjectLedger.Dashboards;

/// <summary>
/// How far the asynchronous projections are behind the event log, in events. A lag that does not
/// shrink for StallAfter means the daemon stopped (Marten #4961: it once stopped after a database
/// outage while everything else looked healthy): that is Unhealthy, not merely slow.
/// </summary>
/// <remarks>
/// With several nodes, "runsHere" names the projection agents Wolverine assigned to this node, so an
/// operator (and the node-loss test) can tell which node runs the dashboards.
/// </remarks>
public sealed class ProjectionLag(IDocumentStore store, Npgsql.NpgsqlDataSource dataSource, LedgerTables tables, Hosting.LedgerOptions ledger, TimeProvider clock,
    Wolverine.Runtime.IWolverineRuntime runtime) : IHealthCheck
{
    public static readonly TimeSpan StallAfter = TimeSpan.FromSeconds(30);
    /// <summary>Three missed heartbeats (Wolverine beats every 3 s here; it drops a node after 20 s).</summary>
    private static readonly TimeSpan LiveWithin = TimeSpan.FromSeconds(10);
    private const long SlowLag = 10_000;

    private readonly Dictionary<string, (long Sequence, DateTimeOffset Since)> _lastProgress = [];
    private readonly Lock _gate = new();

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            var head = await tables.EventLogHeadAsync(ct);
            var shards = await store.Advanced.AllProjectionProgress(token: ct);
            var now = clock.GetUtcNow();
            var data = new Dictionary<string, object> { ["eventLogHead"] = head };
            int? owner = null;
            if (ledger.MultiNode)
            {
                data["runsHere"] = runtime.Agents.AllRunningAgentUris().Where(u => u.Scheme == "event-subscriptions").Select(u => u.ToString()).ToArray();
                owner = await LiveOwnerOfDashboards(ct);
                if (owner is { } node) data["dashboardsOnNode"] = node;
            }
            var stalled = new List<string>();
            var maxLag = 0L;
            foreach (var shard in shards.Where(s => s.ShardName != "HighWaterMark"))
            {
                var lag = Math.Max(0, head - shard.Sequence);
                data[shard.ShardName + ".lag"] = lag;
                maxLag = Math.Max(maxLag, lag);
                lock (_gate)
                {
                    // While no live node owns the projection, the stall clock waits for the new owner.
                    if (!_lastProgress.TryGetValue(shard.ShardName, out var last) || last.Sequence != shard.Sequence || lag == 0 || (ledger.MultiNode && owner is null))
                        _lastProgress[shard.ShardName] = (shard.Sequence, now);
                    else if (now - last.Since > StallAfter)
                        stalled.Add(shard.ShardName);
                }
            }
            // Not this node's fault, and restarting it would not help: Degraded, not Unhealthy.
            if (ledger.MultiNode && owner is null)
                return HealthCheckResult.Degraded(
                    "the dashboards projection runs on no live node (the cluster is starting, or lost that node and is reassigning it): the dashboards stand still meanwhile", data: data);
            if (stalled.Count > 0)
                return HealthCheckResult.Unhealthy($"projections stalled: {string.Join(", ", stalled)} made no progress for {StallAfter.TotalSeconds:0} s", data: data);
            return maxLag > SlowLag
                ? HealthCheckResult.Degraded($"projections are {maxLag} events behind", data: data)
                : HealthCheckResult.Healthy($"projections are {maxLag} events behind", data: data);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("projection progress cannot be read: " + e.Message);
        }
    }

    /// <summary>
    /// The Wolverine node number of the live node (a heartbeat within LiveWithin) that Wolverine
    /// assigned the dashboards projection to, read from its node tables; null when there is none.
    /// </summary>
    private async Task<int?> LiveOwnerOfDashboards(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            $"select n.node_number from {tables.Schema}_wolverine.wolverine_node_assignments a " +
            $"join {tables.Schema}_wolverine.wolverine_nodes n on n.id = a.node_id " +
            "where a.id ilike '%dashboardprojection%' and n.health_check > now() - $1 limit 1");
        command.Parameters.AddWithValue(LiveWithin);
        return await command.ExecuteScalarAsync(ct) is int node ? node : null;
    }
}
