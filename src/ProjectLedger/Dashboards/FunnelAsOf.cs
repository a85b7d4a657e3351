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
}
