using Microsoft.AspNetCore.Mvc;
using Marten;
using ProjectLedger.Security;
using ProjectLedger.Streams;
using Wolverine.Http;

namespace ProjectLedger.Projects;

public sealed record ProjectDetails(
    Guid Id, long Version, string Name, string County, string Programme, IReadOnlyList<Workstream> Workstreams,
    DateTimeOffset RegisteredAt, bool Closed, DateTimeOffset? ClosedAt, string? ClosingSummary, IReadOnlyList<ProjectExperiment> Experiments);

public sealed record ProjectSummary(Guid Id, string Name, string County, string Programme, bool Closed);

public static class GetProjectEndpoint
{
    [EndpointSummary("A project with its goals and its experiments' stages")]
    [ProducesResponseType<ProjectDetails>(200)]
    [WolverineGet("/api/projects/{id}")]
    public static async Task<IResult> Get(Guid id, IQuerySession session, HttpContext http)
    {
        var project = await session.LoadAsync<Project>(id, http.RequestAborted);
        if (project is null) return LedgerProblems.ToResult(new NotFound($"There is no project {id}."));
        if (Refusals.Read(LedgerUser.From(http.User), project.County, "project") is { } refused) return LedgerProblems.ToResult(refused);
        var experiments = await ProjectExperiments.For(session, id, http.RequestAborted);
        return Results.Ok(new ProjectDetails(project.Id, project.Version, project.Name, project.County, project.Programme,
            project.Workstreams, project.RegisteredAt, project.Closed, project.ClosedAt, project.ClosingSummary, experiments));
    }

    [EndpointSummary("List the projects (of a county)")]
    [ProducesResponseType<IReadOnlyList<ProjectSummary>>(200)]
    [WolverineGet("/api/projects")]
    public static async Task<IResult> List(string? county, IQuerySession session, HttpContext http)
    {
        var user = LedgerUser.From(http.User);
        if (!user.SeesAllCounties) county = user.County;
        var query = session.Query<Project>().AsQueryable();
        if (!string.IsNullOrEmpty(county)) query = query.Where(p => p.County == county);
        var projects = await query.OrderBy(p => p.Name).Take(1000).ToListAsync(http.RequestAborted);
        return Results.Ok(projects.Select(p => new ProjectSummary(p.Id, p.Name, p.County, p.Programme, p.Closed)));
    }
}
