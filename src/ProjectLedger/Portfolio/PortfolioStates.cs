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

    /// <summary>Now: the inline experiment documents of the scope (optionally narrowed), with the scope's projects when asked for.</summary>
    public static async Task<PortfolioStates> Now(IQuerySession session, DashboardScope scope, CancellationToken ct,
        Expression<Func<Experiment, bool>>? narrow = null, bool projects = false)
    {
        var query = InScope(session.Query<Experiment>(), scope);
        if (narrow is not null) query = query.Where(narrow);
        var experiments = await query.ToListAsync(ct);
        IReadOnlyList<Project> inScope = projects ? await ProjectsInScope(session.Query<Project>(), scope).ToListAsync(ct) : [];
        var last = experiments.Count == 0 ? (DateTimeOffset?)null : experiments.Max(e => e.LastChangedAt);
        return new PortfolioStates(experiments, inScope, [], last);
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

    /// <summary>
    /// As the scope stood at a moment: only the events up to it count. An experiment with no event
    /// after the moment stood then as its inline document stands now (the same fold over the same
    /// events); only those touched since are folded from their events up to the moment. A narrowing
    /// must be monotone (once true of an experiment, true ever after: has a plan, a pilot, factors),
    /// so the document now tells which experiments it may have held then. Participation records and
    /// projects are read only when asked for.
    /// </summary>
    public static async Task<PortfolioStates> At(IQuerySession session, ExperimentEventRows rows, DashboardScope scope, DateTimeOffset at,
        CancellationToken ct, Expression<Func<Experiment, bool>>? narrow = null, bool participation = false, bool projects = false)
    {
        var query = InScope(session.Query<Experiment>(), scope).Where(x => x.ProposedAt <= at);
        if (narrow is not null) query = query.Where(narrow);
        var documents = await query.ToListAsync(ct);
        HashSet<Guid> touched = documents.Count == 0 ? [] : await TouchedAfter(rows, scope, at, ct);
        var experiments = documents.Where(d => !touched.Contains(d.Id)).ToDictionary(d => d.Id);
        var refold = documents.Where(d => touched.Contains(d.Id)).Select(d => d.Id).ToArray();
        if (refold.Length > 0)
            foreach (var (id, state) in ExperimentEventRows.Fold(await rows.Read("e.stream_id = any($2) and e.timestamp <= $3", "e.seq_id", [refold, at], ct).ToListAsync(ct)))
                experiments[id] = state;

        var records = new List<ParticipationEntry>();
        if (participation && documents.Count > 0)
        {
            var ids = documents.Select(d => d.Id).ToArray();
            await foreach (var e in rows.Read("e.stream_id = any($2) and e.timestamp <= $3 and e.type = $4", "e.seq_id",
                               [ids, at, typeof(ParticipationRecorded).GetEventTypeName()], ct))
                records.Add(new ParticipationEntry(e.StreamId, (ParticipationRecorded)e.Data));
        }

        var projectsThen = new Dictionary<Guid, Project>();
        IReadOnlyList<Guid> projectIds = projects
            ? await ProjectsInScope(session.Query<Project>(), scope).Where(p => p.RegisteredAt <= at).Select(p => p.Id).ToListAsync(ct)
            : [];
        if (projectIds.Count > 0)
        {
            var events = await session.Events.QueryAllRawEvents()
                .Where(e => e.Timestamp <= at && e.StreamId.IsOneOf(projectIds.ToArray()))
                .OrderBy(e => e.Sequence)
                .ToListAsync(ct);
            foreach (var e in events)
            {
                projectsThen.TryGetValue(e.StreamId, out var project);
                if (ProjectFold.Evolve(project, e.StreamId, e) is { } next) projectsThen[e.StreamId] = next;
            }
        }
        var last = experiments.Count == 0 ? (DateTimeOffset?)null : experiments.Values.Max(e => e.LastChangedAt);
        return new PortfolioStates([.. experiments.Values], [.. projectsThen.Values], records, last);
    }

    /// <summary>The experiments (of a county, when the scope is one) with an event after the moment.</summary>
    private static async Task<HashSet<Guid>> TouchedAfter(ExperimentEventRows rows, DashboardScope scope, DateTimeOffset at, CancellationToken ct)
    {
        var inCounty = scope.Kind == ScopeKind.County ? $" and e.stream_id in (select id from {rows.Schema}.mt_doc_experiment where county = $3)" : "";
        await using var command = rows.DataSource.CreateCommand(
            $"select distinct e.stream_id from {rows.Schema}.mt_events e where e.type = any($1) and e.timestamp > $2{inCounty}");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = rows.TypeNames });
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = at });
        if (scope.Kind == ScopeKind.County) command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = scope.Key });
        var ids = new HashSet<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids.Add(reader.GetGuid(0));
        return ids;
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
