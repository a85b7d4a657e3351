using Microsoft.AspNetCore.Mvc;
using Marten;
using ProjectLedger.Counties;
using ProjectLedger.Projects;
using ProjectLedger.Security;
using ProjectLedger.Streams;
using Wolverine.Http;

namespace ProjectLedger.Experiments;

/// <summary>Themes are tags: stored as Vocabulary.Theme normalises them, so filters and dashboards match them whatever the casing.</summary>
public sealed record ProposeExperiment(
    string Title, string Problem, string County, Guid? ProjectId, string? Workstream,
    IReadOnlyList<string> Themes, string ProposedByRole,
    long? ExpectedVersion = null, string? Reason = null) : IStartCommand<Project?>
{
    public Invalid? Validate() => new Errors()
        .Required(Title, "title", 300)
        .Required(Problem, "problem", 4000)
        .When(!CountyCatalog.Exists(County), "county", $"Unknown county '{County}'. See GET /api/counties.")
        .Texts(Themes, "themes", min: 1, max: 20, maxLength: 100)
        .Required(ProposedByRole, "proposedByRole", 200)
        .MaxLength(Workstream, "workstream", 300)
        .When(ProjectId is null && Workstream is not null, "workstream", "A workstream needs a projectId.")
        .OrNull();

    /// <summary>The project it joins, read only once the caller is known to write in the command's county.</summary>
    public async Task<Project?> Context(IQuerySession session, CancellationToken ct) =>
        ProjectId is { } id ? await session.LoadAsync<Project>(id, ct) : null;

    /// <summary>The project, when one is named, must exist, be open and be in the same county (which the caller writes in).</summary>
    public Decision Decide(Project? project, LedgerUser user)
    {
        if (ProjectId is { } projectId)
        {
            if (project is null) return Invalid.Field("projectId", $"There is no project {projectId}.");
            if (project.County != County) return Invalid.Field("projectId", $"That project is not in {County}.");
            var invalid = new Errors()
                .When(project.Closed, "projectId", "That project is closed.")
                .When(Workstream is not null && project.Workstreams.All(w => w.Name != Workstream.Trim()), "workstream", "That project has no such workstream.")
                .OrNull();
            if (invalid is not null) return invalid;
        }
        return Decision.Accept(new ExperimentProposed(
            Title.Trim(), Problem.Trim(), County, ProjectId, Workstream?.Trim(),
            ExperimentValidation.Trimmed(Themes).Select(Vocabulary.Theme).Distinct().ToList(), ProposedByRole.Trim()));
    }
}

public static class ProposeExperimentEndpoint
{
    [ProducesResponseType<WriteResult>(201)]
    [WolverinePost("/api/experiments")]
    public static Task<IResult> Post(ProposeExperiment? command, IDocumentSession session, HttpContext http) =>
        StreamWrite.Start<Experiment, Project?>(session, http, command, id => $"/api/experiments/{id}");
}
