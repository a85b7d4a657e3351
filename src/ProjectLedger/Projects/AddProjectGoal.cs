using Marten;
using ProjectLedger.Security;
using ProjectLedger.Streams;
using Wolverine.Http;

namespace ProjectLedger.Projects;

public sealed record AddProjectGoal(
    string Workstream, string Indicator, decimal? Baseline, decimal? Target, string Unit,
    long? ExpectedVersion = null, string? Reason = null) : IStreamCommand<Project>
{
    private GoalInput Goal => new(Indicator, Baseline, Target, Unit);

    public Invalid? Validate()
    {
        var errors = new Errors().Required(Workstream, "workstream", 300);
        GoalInput.Validate(Goal, "goal", errors);
        return errors.OrNull();
    }

    public Decision Decide(Project project, LedgerUser user)
    {
        if (project.Closed) return new RuleBroken("Project is closed", $"Project '{project.Name}' was closed; its goals no longer change.");
        return Decision.Accept(new ProjectGoalAdded(Workstream.Trim(), Goal.ToGoal()));
    }
}

public static class AddProjectGoalEndpoint
{
    [WolverinePost("/api/projects/{id}/goals")]
    public static Task<IResult> Post(Guid id, AddProjectGoal? command, IDocumentSession session, HttpContext http) =>
        StreamWrite.Append<Project>(session, http, id, command);
}
