using Marten;
using ProjectLedger.Experiments;

namespace ProjectLedger.Dashboards;

/// <summary>
/// The funnel of a scope as it stood at a past moment: the scope's experiments' events up to then,
/// folded with the same fold as the live projection and counted the same way. National and county
/// funnels start from their nearest dated snapshot (DashboardSnapshots); the others, or a scope with
/// no snapshot by then, from the experiments as they stood then (PortfolioStates.At).
/// </summary>
public static class FunnelAsOf
{
    public static async Task<FunnelResponse> At(IQuerySession session, DashboardSnapshots snapshots, ExperimentEventRows rows, DashboardScope scope,
        DateTimeOffset at, CancellationToken ct)
    {
        if (await snapshots.At(session, scope, at, ct) is { } views) return FunnelResponse.From(scope.Id, views.Funnel);
        var states = await Portfolio.PortfolioStates.At(session, rows, scope, at, ct);
        var view = new FunnelView { Id = scope.Id, UpdatedAt = states.LastEventAt ?? at };
        foreach (var state in states.Experiments) view.Apply(state, +1);
        return FunnelResponse.From(scope.Id, view);
    }

    /// <summary>From the first event: the rebuild that the snapshots must equal.</summary>
    public static async Task<FunnelResponse> FromEvents(IQuerySession session, DashboardScope scope, DateTimeOffset at, CancellationToken ct)
    {
        var states = await StatesFromEvents(session, scope, at, ct);
        var view = new FunnelView { Id = scope.Id };
        foreach (var state in states) view.Apply(state, +1);
        view.UpdatedAt = states.Count == 0 ? at : states.Max(s => s.LastChangedAt);
        return FunnelResponse.From(scope.Id, view);
    }

    /// <summary>Each experiment of the scope folded from every one of its events up to the moment, in sequence order.</summary>
    public static async Task<IReadOnlyList<Experiment>> StatesFromEvents(IQuerySession session, DashboardScope scope, DateTimeOffset at, CancellationToken ct)
    {
        var experiments = Filter(session.Query<Experiment>(), scope).Where(x => x.ProposedAt <= at);
        var ids = (await experiments.Select(x => x.Id).ToListAsync(ct)).ToHashSet();
        if (ids.Count == 0) return [];

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
        return [.. states.Values];
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
