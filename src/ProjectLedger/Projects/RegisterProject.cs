using Microsoft.AspNetCore.Mvc;
using Marten;
using ProjectLedger.Counties;
using ProjectLedger.Security;
using ProjectLedger.Streams;
using Wolverine.Http;

namespace ProjectLedger.Projects;

public sealed record WorkstreamInput(string Name, IReadOnlyList<GoalInput>? Goals);

public sealed record RegisterProject(
    string Name, string County, string Programme, IReadOnlyList<WorkstreamInput> Workstreams,
    long? ExpectedVersion = null, string? Reason = null) : IStartCommand<NoContext>
{
    public Invalid? Validate()
    {
        var workstreams = Workstreams ?? [];
        var errors = new Errors()
            .Required(Name, "name", 300)
            .Required(Programme, "programme", 300)
            .When(!CountyCatalog.Exists(County), "county", $"Unknown county '{County}'. See GET /api/counties.")
            .When(workstreams.Count == 0, "workstreams", "At least one workstream is required.")
            .When(workstreams.Count > 50, "workstreams", "At most 50 workstreams.");
        for (var i = 0; i < workstreams.Count && i < 50; i++)
        {
            var workstream = workstreams[i];
            errors.Required(workstream?.Name, $"workstreams[{i}].name", 300);
            var goals = workstream?.Goals ?? [];
            errors.When(goals.Count > 100, $"workstreams[{i}].goals", "At most 100 goals.");
            for (var g = 0; g < goals.Count && g < 100; g++)
                GoalInput.Validate(goals[g], $"workstreams[{i}].goals[{g}]", errors);
        }
        return errors.OrNull();
    }

    public Task<NoContext> Context(IQuerySession session, CancellationToken ct) => Task.FromResult(NoContext.Value);

    public Decision Decide(NoContext context, LedgerUser user) => Decision.Accept(new ProjectRegistered(
        Name.Trim(), County, Programme.Trim(),
        Workstreams.Select(w => new Workstream(w.Name.Trim(), (w.Goals ?? []).Select(g => g.ToGoal()).ToList())).ToList()));
}

public static class RegisterProjectEndpoint
{
    [ProducesResponseType<WriteResult>(201)]
    [WolverinePost("/api/projects")]
    public static Task<IResult> Post(RegisterProject? command, IDocumentSession session, HttpContext http) =>
        StreamWrite.Start<Project, NoContext>(session, http, command, id => $"/api/projects/{id}");
}
