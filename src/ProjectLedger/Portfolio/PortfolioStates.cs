using System.Linq.Expressions;
using JasperFx.Events;
using Marten;
using Marten.Events;
using ProjectLedger.Dashboards;
using ProjectLedger.Experiments;
using ProjectLedger.Projects;

namespace ProjectLedger.Portfolio;

/// <summary>A participation record of one experiment, kept for figures by period and "this week".</summary>
public sealed record ParticipationEntry(Guid ExperimentId, ParticipationRecorded Record);

/// <summary>
/// The experiments of a scope (and the projects they belong to) as they are now, or as they stood at
/// a moment: then each stream's events up to it, folded with the experiment's own fold. Every
/// dashboard's figures are a function of these states, so a dashboard as of a moment is the same
/// function over the states at that moment.
/// </summary>
public sealed record PortfolioStates(
    IReadOnlyList<Experiment> Experiments, IReadOnlyList<Project> Projects, IReadOnlyList<ParticipationEntry> Participation,
    DateTimeOffset? LastEventAt)
{
    private static readonly ProjectProjection ProjectFold = new();

    /// <summary>Now: the inline experiment documents of the scope (optionally narrowed), with the scope's projects.</summary>
    public static async Task<PortfolioStates> Now(IQuerySession session, DashboardScope scope, CancellationToken ct,
        Expression<Func<Experiment, bool>>? narrow = null)
    {
        var query = InScope(session.Query<Experiment>(), scope);
        if (narrow is not null) query = query.Where(narrow);
        var experiments = await query.ToListAsync(ct);
        var projects = await ProjectsInScope(session.Query<Project>(), scope).ToListAsync(ct);
        var last = experiments.Count == 0 ? (DateTimeOffset?)null : experiments.Max(e => e.LastChangedAt);
        return new PortfolioStates(experiments, projects, [], last);
    }

    /// <summary>The scope's participation records (for periods), read from the event log.</summary>
    public static async Task<IReadOnlyList<ParticipationEntry>> ParticipationNow(IQuerySession session, DashboardScope scope, CancellationToken ct)
    {
        var ids = await InScope(session.Query<Experiment>(), scope).Select(x => x.Id).ToListAsync(ct);
        if (ids.Count == 0) return [];
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.EventTypesAre(typeof(ParticipationRecorded)) && e.StreamId.IsOneOf(ids.ToArray()))
            .ToListAsync(ct);
        return events.Select(e => new ParticipationEntry(e.StreamId, (ParticipationRecorded)e.Data)).ToList();
    }

    /// <summary>As the scope stood at a moment: only the events up to it count.</summary>
    public static async Task<PortfolioStates> At(IQuerySession session, DashboardScope scope, DateTimeOffset at, CancellationToken ct)
    {
        var ids = await InScope(session.Query<Experiment>(), scope).Where(x => x.ProposedAt <= at).Select(x => x.Id).ToListAsync(ct);
        var projectIds = await ProjectsInScope(session.Query<Project>(), scope).Where(p => p.RegisteredAt <= at).Select(p => p.Id).ToListAsync(ct);
        var streams = ids.Concat(projectIds).ToArray();
        if (streams.Length == 0) return new PortfolioStates([], [], [], null);

        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.Timestamp <= at && e.StreamId.IsOneOf(streams))
            .OrderBy(e => e.Sequence)
            .ToListAsync(ct);
        var experiments = new Dictionary<Guid, Experiment>();
        var projects = new Dictionary<Guid, Project>();
        var participation = new List<ParticipationEntry>();
        foreach (var e in events)
        {
            if (LedgerEventTypes.Experiment.Contains(e.EventType))
            {
                experiments.TryGetValue(e.StreamId, out var state);
                if (ExperimentProjection.Fold(state, e.StreamId, e.Data, e.Version, e.Timestamp) is { } next) experiments[e.StreamId] = next;
                if (e.Data is ParticipationRecorded r) participation.Add(new ParticipationEntry(e.StreamId, r));
            }
            else
            {
                projects.TryGetValue(e.StreamId, out var project);
                if (ProjectFold.Evolve(project, e.StreamId, e) is { } next) projects[e.StreamId] = next;
            }
        }
        return new PortfolioStates([.. experiments.Values], [.. projects.Values], participation,
            events.Count == 0 ? null : events[^1].Timestamp);
    }

    public static IQueryable<Experiment> InScope(IQueryable<Experiment> query, DashboardScope scope)
    {
        var key = scope.Key;
        var project = scope.ProjectId ?? Guid.Empty;
        return scope.Kind switch
        {
            ScopeKind.County => query.Where(x => x.County == key),
            ScopeKind.Project => query.Where(x => x.ProjectId == project),
            ScopeKind.Theme => query.Where(x => x.Themes.Contains(key)),
            _ => query,
        };
    }

    /// <summary>A theme spans projects: its goals are those of the projects its experiments belong to (worked out by the caller).</summary>
    private static IQueryable<Project> ProjectsInScope(IQueryable<Project> query, DashboardScope scope)
    {
        var key = scope.Key;
        var project = scope.ProjectId ?? Guid.Empty;
        return scope.Kind switch
        {
            ScopeKind.County => query.Where(p => p.County == key),
            ScopeKind.Project => query.Where(p => p.Id == project),
            ScopeKind.Theme => query.Where(p => p.Id == Guid.Empty),
            _ => query,
        };
    }
}
