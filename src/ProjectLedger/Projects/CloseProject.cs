using Marten;
using ProjectLedger.Security;
using ProjectLedger.Streams;
using Wolverine.Http;

namespace ProjectLedger.Projects;

public sealed record CloseProject(string Summary, long? ExpectedVersion = null, string? Reason = null) : IStreamCommand<Project>
{
    public Invalid? Validate() => new Errors().Required(Summary, "summary", 4000).OrNull();

    public Decision Decide(Project project, LedgerUser user) => project.Closed
        ? new RuleBroken("Project is closed", $"Project '{project.Name}' is already closed.")
        : Decision.Accept(new ProjectClosed(Summary.Trim()));
}

public static class CloseProjectEndpoint
{
    [WolverinePost("/api/projects/{id}/close")]
    public static Task<IResult> Post(Guid id, CloseProject? command, IDocumentSession session, HttpContext http) =>
        StreamWrite.Append<Project>(session, http, id, command);
}
