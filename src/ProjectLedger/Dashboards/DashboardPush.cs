using Marten;
using Marten.Services;
using Microsoft.AspNetCore.SignalR;

namespace ProjectLedger.Dashboards;

/// <summary>
/// After the dashboards projection commits a batch, sends each changed dashboard to the clients
/// watching its scope: one message per scope per batch, so a burst of events becomes one update
/// (a push carries the whole dashboard as committed, so each change reaches a watcher in the first
/// push that follows its commit). Funnel and participation go out as the documents just stored; the
/// pilots board of every scope a changed card belongs to is read once and sent.
/// Marten calls no listener while a projection is rebuilt: LedgerRebuild sends every scope afterwards (PushAllAsync).
/// </summary>
public sealed class DashboardPush(IHubContext<DashboardHub> hub, ILogger<DashboardPush> logger, TimeProvider clock) : IChangeListener
{
    public async Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        try
        {
            var changed = commit.Updated.Concat(commit.Inserted).ToList();
            foreach (var document in changed) await SendDocument(document, token);
            var boards = changed.OfType<PilotCard>().SelectMany(c => c.Scopes()).Select(s => s.Id).Distinct().ToList();
            if (boards.Count > 0) await SendBoards(session.DocumentStore, boards, token);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The batch is committed; an exception here would only make the daemon retry or pause it.
            logger.LogWarning(e, "Could not push a committed dashboards batch");
        }
    }

    /// <summary>Every scope's dashboards as stored now: after a rebuild, whose replay pushed nothing.</summary>
    public async Task PushAllAsync(IDocumentStore store, CancellationToken token)
    {
        await using var query = store.QuerySession();
        foreach (var funnel in await query.Query<FunnelView>().ToListAsync(token)) await SendDocument(funnel, token);
        foreach (var participation in await query.Query<ParticipationView>().ToListAsync(token)) await SendDocument(participation, token);
        await SendBoards(store, await query.Query<PilotsSummary>().Select(s => s.Id).ToListAsync(token), token);
    }

    private async Task SendDocument(object document, CancellationToken token)
    {
        if (DashboardReader.FromDocument(document) is var (dashboard, scope, data))
            foreach (var reveal in new[] { false, true })
                await Send(dashboard, scope, reveal, data(reveal), token);
    }

    private async Task SendBoards(IDocumentStore store, IReadOnlyList<string> scopes, CancellationToken token)
    {
        await using var query = store.QuerySession();
        foreach (var id in scopes)
        {
            if (DashboardScope.TryParse(id, out var scope) is not null) continue;
            var board = await PilotsResponse.Read(query, scope, DashboardReader.Today(clock), token);
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
