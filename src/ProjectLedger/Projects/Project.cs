using JasperFx.Events;
using Marten.Events.Aggregation;
using ProjectLedger.Streams;

namespace ProjectLedger.Projects;

/// <summary>A measurable goal of a workstream, e.g. "electronic transactions in digital channels have increased".</summary>
public sealed record Goal(string Indicator, decimal Baseline, decimal Target, string Unit);

/// <summary>A project's workstream (kärki) with its goals.</summary>
public sealed record Workstream(string Name, IReadOnlyList<Goal> Goals);

public sealed record ProjectRegistered(string Name, string County, string Programme, IReadOnlyList<Workstream> Workstreams);

public sealed record ProjectGoalAdded(string Workstream, Goal Goal);

public sealed record ProjectClosed(string Summary);

/// <summary>A development project (hanke) as its stream says it is now. Immutable: Evolve builds new state.</summary>
public sealed record Project(
    Guid Id,
    long Version,
    string Name,
    string County,
    string Programme,
    IReadOnlyList<Workstream> Workstreams,
    DateTimeOffset RegisteredAt,
    DateTimeOffset? ClosedAt,
    string? ClosingSummary) : ICountyScoped
{
    public bool Closed => ClosedAt is not null;
}

/// <summary>The project document, kept inline with every append.</summary>
public partial class ProjectProjection : SingleStreamProjection<Project, Guid>
{
    // Declared so Marten applies it to project streams only (an explicit Evolve names no event types).
    public ProjectProjection()
    {
        foreach (var type in LedgerEventTypes.Project) IncludeType(type);
    }

    public override Project? Evolve(Project? state, Guid id, IEvent e) => (state, e.Data) switch
    {
        (null, ProjectRegistered r) => new Project(e.StreamId, e.Version, r.Name, r.County, r.Programme, r.Workstreams,
            e.Timestamp, null, null),
        (not null, ProjectGoalAdded added) => state with
        {
            Version = e.Version,
            Workstreams = state.Workstreams.Any(w => w.Name == added.Workstream)
                ? state.Workstreams.Select(w => w.Name == added.Workstream ? w with { Goals = [.. w.Goals, added.Goal] } : w).ToList()
                : [.. state.Workstreams, new Workstream(added.Workstream, [added.Goal])],
        },
        (not null, ProjectClosed closed) => state with { Version = e.Version, ClosedAt = e.Timestamp, ClosingSummary = closed.Summary },
        (not null, _) => state with { Version = e.Version },
        _ => state,
    };
}
