using Microsoft.AspNetCore.Mvc;
using Marten;
using ProjectLedger.Counties;
using ProjectLedger.Streams;
using Wolverine.Http;

namespace ProjectLedger.Projects;

public sealed record WorkstreamInput(string? Name, IReadOnlyList<GoalInput?>? Goals);

public sealed record RegisterProject(
    string? Name, string? County, string? Programme, IReadOnlyList<WorkstreamInput?>? Workstreams,
    long? ExpectedVersion = null, string? Reason = null) : IWriteCommand
{
    public Decision Decide()
    {
        var errors = new Errors()
            .Required(Name, "name", 300)
            .Required(Programme, "programme", 300)
            .When(!CountyCatalog.Exists(County), "county", $"Unknown county '{County}'. See GET /api/counties.")
            .When(Workstreams is null || Workstreams.Count == 0, "workstreams", "At least one workstream is required.")
            .When(Workstreams is { Count: > 50 }, "workstreams", "At most 50 workstreams.");
        for (var i = 0; i < (Workstreams?.Count ?? 0) && i < 50; i++)
        {
            var workstream = Workstreams![i];
            errors.Required(workstream?.Name, $"workstreams[{i}].name", 300);
            var goals = workstream?.Goals ?? [];
            errors.When(goals.Count > 100, $"workstreams[{i}].goals", "At most 100 goals.");
            for (var g = 0; g < goals.Count && g < 100; g++)
                GoalInput.Validate(goals[g], $"workstreams[{i}].goals[{g}]", errors);
        }
        if (errors.Any) return errors.ToRejection();

        return Decision.Accept(new ProjectRegistered(
            Name!.Trim(), County!, Programme!.Trim(),
            Workstreams!.Select(w => new Workstream(w!.Name!.Trim(), (w.Goals ?? []).Select(g => g!.ToGoal()).ToList())).ToList()));
    }
}

public static class RegisterProjectEndpoint
{
    [ProducesResponseType<WriteResult>(201)]
    [WolverinePost("/api/projects")]
    public static Task<IResult> Post(RegisterProject? command, IDocumentSession session, HttpContext http)
    {
        if (command is null) return Task.FromResult(LedgerProblems.MissingBody());
        var id = Guid.CreateVersion7();
        // An unknown county is a validation error (400), decided before the county-scoped authorisation.
        if (!CountyCatalog.Exists(command.County)) return Task.FromResult(LedgerProblems.ToResult(command.Decide().Rejection!));
        return StreamWrite.Start<Project>(session, http, id, command.County!, command, _ => command.Decide(), $"/api/projects/{id}");
    }
}
