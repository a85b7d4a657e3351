using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using ProjectLedger.Experiments;

namespace ProjectLedger.Dashboards;

/// <summary>The projection's own memory of an experiment: its folded state and its recent participation.</summary>
public sealed record DashboardExperiment(Guid Id, Experiment State, IReadOnlyList<DatedCount> RecentParticipation);

/// <summary>
/// The dashboards' asynchronous projection. Per batch of events: fold each touched experiment
/// (the same fold as its inline snapshot), then in every scope it belongs to before or after,
/// take away its old contribution and add the new one; its pilot card is stored as it is now.
/// Loads and stores are batched per event batch: one query per document type, whatever the batch size.
/// </summary>
public sealed class DashboardProjection : IProjection
{
    private const int RecentRecordsKept = 30;

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var streams = events.Where(e => LedgerEventTypes.Experiment.Contains(e.EventType)).GroupBy(e => e.StreamId).ToList();
        if (streams.Count == 0) return;

        var known = (await operations.LoadManyAsync<DashboardExperiment>(ct, streams.Select(s => s.Key).ToArray()))
            .ToDictionary(d => d.Id);
        var changes = new List<(Experiment? Before, Experiment After, IReadOnlyList<DatedCount> Recent, IReadOnlyList<DatedCount> RecentBefore)>();
        foreach (var stream in streams)
        {
            known.TryGetValue(stream.Key, out var memory);
            var state = memory?.State;
            var recent = memory?.RecentParticipation ?? [];
            foreach (var e in stream)
            {
                if (state is not null && e.Version <= state.Version) continue; // already applied
                state = Experiment.Evolve(state, stream.Key, e.Data, e.Version, e.Timestamp);
                if (e.Data is ParticipationRecorded r)
                    recent = [.. recent.Append(new DatedCount(r.PeriodEnd, r.ByKind.Values.Sum())).OrderByDescending(x => x.PeriodEnd).Take(RecentRecordsKept)];
            }
            if (state is null || ReferenceEquals(state, memory?.State)) continue;
            changes.Add((memory?.State, state, recent, memory?.RecentParticipation ?? []));
            operations.Store(new DashboardExperiment(stream.Key, state, recent));
        }
        if (changes.Count == 0) return;

        var scopes = changes.SelectMany(c => (c.Before is null ? [] : DashboardScope.Of(c.Before)).Concat(DashboardScope.Of(c.After)))
            .Select(s => s.Id).Distinct().ToArray();
        var funnels = await LoadOrCreate<FunnelView>(operations, scopes, ct);
        var participation = await LoadOrCreate<ParticipationView>(operations, scopes, ct);
        var boards = await LoadOrCreate<PilotsSummary>(operations, scopes, ct);
        // Each scope is as new as the latest event of its own experiments: a batch's last event may be
        // another county's, and older (demo data and imports append history with its own timestamps).
        var latest = new Dictionary<string, DateTimeOffset>();
        foreach (var (before, after, _, _) in changes)
        foreach (var scope in (before is null ? [] : DashboardScope.Of(before)).Concat(DashboardScope.Of(after)))
            if (!latest.TryGetValue(scope, out var seen) || after.LastChangedAt > seen) latest[scope] = after.LastChangedAt;

        foreach (var (before, after, recent, recentBefore) in changes)
        {
            if (before is not null)
            {
                var cardBefore = PilotCard.Of(before, recentBefore, before.LastChangedAt);
                foreach (var scope in DashboardScope.Of(before).Select(s => s.Id))
                {
                    funnels[scope].Apply(before, -1);
                    participation[scope].Apply(before, -1);
                    boards[scope].Apply(cardBefore, -1);
                }
            }
            var card = PilotCard.Of(after, recent, after.LastChangedAt);
            foreach (var scope in DashboardScope.Of(after).Select(s => s.Id))
            {
                funnels[scope].Apply(after, +1);
                participation[scope].Apply(after, +1);
                boards[scope].Apply(card, +1);
            }
            if (card is not null) operations.Store(card);
        }

        StoreAll(operations, funnels.Values, latest);
        StoreAll(operations, participation.Values, latest);
        StoreAll(operations, boards.Values, latest);
    }

    /// <summary>The scopes' documents in one query; a scope seen for the first time starts empty.</summary>
    private static async Task<Dictionary<string, T>> LoadOrCreate<T>(IDocumentOperations operations, string[] scopes, CancellationToken ct)
        where T : class, IScopeView, new()
    {
        var byScope = (await operations.LoadManyAsync<T>(ct, scopes)).ToDictionary(v => v.Id);
        foreach (var scope in scopes) byScope.TryAdd(scope, new T { Id = scope });
        return byScope;
    }

    private static void StoreAll<T>(IDocumentOperations operations, IEnumerable<T> views, IReadOnlyDictionary<string, DateTimeOffset> latest)
        where T : class, IScopeView
    {
        foreach (var view in views)
        {
            if (latest.TryGetValue(view.Id, out var at) && at > view.UpdatedAt) view.UpdatedAt = at;
            operations.Store(view);
        }
    }
}
