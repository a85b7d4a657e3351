using Marten;
using ProjectLedger.Experiments;

namespace ProjectLedger.Dashboards;

/// <summary>
/// The funnel of a scope as it stood at a past moment: the scope's experiments' events up to then,
/// folded with the same fold as the live projection and counted the same way. National and county
/// funnels start from their nearest dated snapshot (DashboardSnapshots); the others, or a scope with
/// no snapshot by then, fold from the first event.
/// </summary>
public static class FunnelAsOf
{
    public static async Task<FunnelResponse> At(IQuerySession session, DashboardSnapshots snapshots, DashboardScope scope, DateTimeOffset at, CancellationToken ct) =>
        await snapshots.At(session, scope, at, ct) is { } views
            ? FunnelResponse.From(scope.Id, views.Funnel)
            : await FromEvents(session, scope, at, ct);

    /// <summary>From the first event: the rebuild that the snapshots must equal.</summary>
    public static async Task<FunnelResponse> FromEvents(IQuerySession session, DashboardScope scope, DateTimeOffset at, CancellationToken ct)
    {
        var experiments = Filter(session.Query<Experiment>(), scope).Where(x => x.ProposedAt <= at);
        var ids = (await experiments.Select(x => x.Id).ToListAsync(ct)).ToHashSet();
        var view = new FunnelView { Id = scope.Id };
        if (ids.Count == 0) return FunnelResponse.From(scope.Id, view);

        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.Timestamp <= at && e.StreamId.IsOneOf(ids.ToArray()))
            .OrderBy(e => e.Sequence)
            .ToListAsync(ct);
        var states = new Dictionary<Guid, Experiment>();
        foreach (var e in events)
        {
            states.TryGetValue(e.StreamId, out var state);
            if (Experiment.Evolve(state, e.StreamId, e.Data, e.Version, e.Timestamp) is { } next) states[e.StreamId] = next;
        }
        foreach (var state in states.Values) view.Apply(state, +1);
        view.UpdatedAt = events.Count == 0 ? at : events[^1].Timestamp;
        return FunnelResponse.From(scope.Id, view);
    }

    private static IQueryable<Experiment> Filter(IQueryable<Experiment> query, DashboardScope scope)
    {
        var key = scope.Key;
        return scope.Kind switch
        {
            ScopeKind.County => query.Where(x => x.County == key),
            ScopeKind.Project => query.Where(x => x.ProjectId == scope.ProjectId),
            ScopeKind.Theme => query.Where(x => x.Themes.Contains(key)),
            _ => query,
        };
    }
}
