using Marten;
using ProjectLedger.Counties;
using ProjectLedger.Projects;
using ProjectLedger.Security;
using ProjectLedger.Streams;
using Wolverine.Http;

namespace ProjectLedger.Experiments;

/// <summary>Themes are tags: stored trimmed and in lower case, so filters and dashboards match them whatever the casing.</summary>
public sealed record ProposeExperiment(
    string? Title, string? Problem, string? County, Guid? ProjectId, string? Workstream,
    IReadOnlyList<string?>? Themes, string? ProposedByRole,
    long? ExpectedVersion = null, string? Reason = null) : IWriteCommand
{
    /// <summary>The project, when one is named, must exist, be open and be in the same county.</summary>
    public Decision Decide(Project? project)
    {
        var errors = new Errors()
            .Required(Title, "title", 300)
            .Required(Problem, "problem", 4000)
            .When(!CountyCatalog.Exists(County), "county", $"Unknown county '{County}'. See GET /api/counties.")
            .Texts(Themes, "themes", min: 1, max: 20, maxLength: 100)
            .Required(ProposedByRole, "proposedByRole", 200)
            .MaxLength(Workstream, "workstream", 300);
        if (ProjectId is { } projectId)
        {
            errors.When(project is null, "projectId", $"There is no project {projectId}.")
                  .When(project is { Closed: true }, "projectId", "That project is closed.")
                  .When(project is not null && project.County != County, "projectId", $"That project belongs to {project?.County}, not {County}.")
                  .When(project is not null && Workstream is not null && project.Workstreams.All(w => w.Name != Workstream.Trim()),
                      "workstream", "That project has no such workstream.");
        }
        else errors.When(Workstream is not null, "workstream", "A workstream needs a projectId.");
        if (errors.Any) return errors.ToRejection();

        return Decision.Accept(new ExperimentProposed(
            Title!.Trim(), Problem!.Trim(), County!, ProjectId, Workstream?.Trim(),
            ExperimentValidation.Trimmed(Themes).Select(Vocabulary.Theme).Distinct().ToList(), ProposedByRole!.Trim()));
    }
}

public static class ProposeExperimentEndpoint
{
    [WolverinePost("/api/experiments")]
    public static async Task<IResult> Post(ProposeExperiment? command, IDocumentSession session, HttpContext http)
    {
        if (command is null) return LedgerProblems.MissingBody();
        var project = command.ProjectId is { } projectId ? await session.LoadAsync<Project>(projectId, http.RequestAborted) : null;
        var decision = command.Decide(project);
        if (decision.Rejection is { } rejection) return LedgerProblems.ToResult(rejection);
        var id = Guid.CreateVersion7();
        return await StreamWrite.Start<Experiment>(session, http, id, command.County!, command, _ => decision, $"/api/experiments/{id}");
    }
}
