using Marten;
using ProjectLedger.Streams;
using Wolverine.Http;

namespace ProjectLedger.Projects;

public sealed record AddProjectGoal(
    string? Workstream, string? Indicator, decimal? Baseline, decimal? Target, string? Unit,
    long? ExpectedVersion = null, string? Reason = null) : IWriteCommand
{
    public Decision Decide(Project project)
    {
        if (project.Closed) return new RuleBroken("Project is closed", $"Project '{project.Name}' was closed; its goals no longer change.");
        var goal = new GoalInput(Indicator, Baseline, Target, Unit);
        var errors = new Errors().Required(Workstream, "workstream", 300);
        GoalInput.Validate(goal, "goal", errors);
        if (errors.Any) return errors.ToRejection();
        return Decision.Accept(new ProjectGoalAdded(Workstream!.Trim(), goal.ToGoal()));
    }
}

public static class AddProjectGoalEndpoint
{
    [WolverinePost("/api/projects/{id}/goals")]
    public static Task<IResult> Post(Guid id, AddProjectGoal? command, IDocumentSession session, HttpContext http) =>
        StreamWrite.Append<Project>(session, http, id, command, (project, _) => command!.Decide(project));
}
