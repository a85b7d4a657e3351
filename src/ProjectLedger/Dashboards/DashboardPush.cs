using Marten;
using Marten.Services;
using Microsoft.AspNetCore.SignalR;

namespace ProjectLedger.Dashboards;

/// <summary>
/// After the dashboards projection commits a batch, sends each changed dashboard document to the
/// clients watching its scope: one message per document per batch, so a burst of events becomes
/// one update per scope.
/// </summary>
public sealed class DashboardPush(IHubContext<DashboardHub> hub, ILogger<DashboardPush> logger) : IChangeListener
{
    public async Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        foreach (var document in commit.Updated.Concat(commit.Inserted))
        {
            if (DashboardReader.FromDocument(document) is not var (dashboard, scope, data)) continue;
            try
            {
                await hub.Clients.Group(DashboardHub.Group(dashboard, scope))
                    .SendAsync(DashboardHub.ChangedMessage, new DashboardChanged(dashboard, scope, data), token);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A push that fails must not fail the projection; clients re-read on reconnect.
                logger.LogWarning(e, "Could not push {Dashboard} {Scope}", dashboard, scope);
            }
        }
    }

    public Task BeforeCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token) => Task.CompletedTask;
}
