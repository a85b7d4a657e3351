using Marten;
using ProjectLedger.Experiments;

namespace ProjectLedger.Projects;

public sealed record ProjectExperiment(Guid Id, string Title, Stage Stage, DateTimeOffset StageEnteredAt);

/// <summary>The stages of a project's experiments, read from the experiment documents in one query.</summary>
public static class ProjectExperiments
{
    public static async Task<IReadOnlyList<ProjectExperiment>> For(IQuerySession session, Guid projectId, CancellationToken ct)
    {
        var experiments = await session.Query<Experiment>().Where(x => x.ProjectId == projectId)
            .OrderBy(x => x.ProposedAt).Take(2000).ToListAsync(ct);
        return experiments.Select(x => new ProjectExperiment(x.Id, x.Title, x.Stage, x.StageEnteredAt)).ToList();
    }
}
