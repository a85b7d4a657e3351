using Marten;
using Marten.Services;
using Microsoft.AspNetCore.SignalR;

namespace ProjectLedger.Dashboards;

/// <summary>
/// After the dashboards projection commits a batch, sends each changed dashboard to the clients
/// watching its scope: one message per scope per batch, so a burst of events becomes one update.
/// Funnel and participation go out as the documents just stored; the pilots board of every scope
/// a changed card belongs to is read once and sent.
/// </summary>
public sealed class DashboardPush(IHubContext<DashboardHub> hub, ILogger<DashboardPush> logger) : IChangeListener
{
    public async Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        var changed = commit.Updated.Concat(commit.Inserted).ToList();
        foreach (var document in changed)
        {
            if (DashboardReader.FromDocument(document) is var (dashboard, scope, data))
                foreach (var reveal in new[] { false, true })
                    await Send(dashboard, scope, reveal, data(reveal), token);
        }

        var boards = changed.OfType<PilotCard>().SelectMany(c => c.Scopes()).Distinct().ToList();
        if (boards.Count == 0) return;
        await using var query = session.DocumentStore.QuerySession();
        foreach (var scope in boards)
        {
            var board = await PilotsResponse.Read(query, scope, DashboardReader.Today(), token);
            foreach (var reveal in new[] { false, true })
                await Send(DashboardReader.PilotsName, scope, reveal, board.AsSeenBy(reveal), token);
        }
    }

    /// <summary>Auditors watch in a group of their own: theirs is the only push that carries counts of 1–4.</summary>
    private async Task Send(string dashboard, string scope, bool reveal, object data, CancellationToken token)
    {
        try
        {
            await hub.Clients.Group(DashboardHub.Group(dashboard, scope, reveal))
                .SendAsync(DashboardHub.ChangedMessage, new DashboardChanged(dashboard, scope, data), token);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A push that fails must not fail the projection; clients re-read on reconnect.
            logger.LogWarning(e, "Could not push {Dashboard} {Scope}", dashboard, scope);
        }
    }

    public Task BeforeCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token) => Task.CompletedTask;
}
