using Marten;
using ProjectLedger.Streams;
using Wolverine.Http;

namespace ProjectLedger.Projects;

public sealed record CloseProject(string? Summary, long? ExpectedVersion = null, string? Reason = null) : IWriteCommand
{
    public Decision Decide(Project project)
    {
        if (project.Closed) return new RuleBroken("Project is closed", $"Project '{project.Name}' is already closed.");
        var errors = new Errors().Required(Summary, "summary", 4000);
        return errors.Any ? errors.ToRejection() : Decision.Accept(new ProjectClosed(Summary!.Trim()));
    }
}

public static class CloseProjectEndpoint
{
    [WolverinePost("/api/projects/{id}/close")]
    public static Task<IResult> Post(Guid id, CloseProject? command, IDocumentSession session, HttpContext http) =>
        StreamWrite.Append<Project>(session, http, id, command, (project, _) => command!.Decide(project));
}
