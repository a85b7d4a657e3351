using Microsoft.AspNetCore.Mvc;
using Marten;
using ProjectLedger.Security;
using ProjectLedger.Streams;
using Wolverine.Http;

namespace ProjectLedger.Experiments;

/// <summary>
/// An experiment as the list and its export show it, read from the database as just these fields
/// (Marten's Select), not as whole documents: a document carries the experiment's whole record.
/// </summary>
public sealed record ExperimentListItem(
    Guid Id, string Title, string County, Guid? ProjectId, Stage Stage, IReadOnlyList<string> Themes,
    DateTimeOffset StageEnteredAt, DateTimeOffset LastChangedAt, long Version, DateTimeOffset ProposedAt)
{
    public static IQueryable<ExperimentListItem> From(IQueryable<Experiment> query) => query.Select(x =>
        new ExperimentListItem(x.Id, x.Title, x.County, x.ProjectId, x.Stage, x.Themes, x.StageEnteredAt, x.LastChangedAt, x.Version, x.ProposedAt));
}

public sealed record ExperimentPage(IReadOnlyList<ExperimentListItem> Items, int Page, int PageSize, long Total);

public static class ListExperimentsEndpoint
{
    /// <summary>Filtered, searched by title, sorted and paged from the experiment documents (indexed); newest change first by default.</summary>
    [EndpointSummary("List experiments by county, project, stage, stage reached, theme, goal or title, sorted and paged")]
    [ProducesResponseType<ExperimentPage>(200)]
    [WolverineGet("/api/experiments")]
    public static async Task<IResult> Get(string? county, Guid? projectId, string? stage, string? reached, string? theme, string? search, string? goal,
        string? sort, string? dir, int? page, int? pageSize, IQuerySession session, HttpContext http)
    {
        var user = LedgerUser.From(http.User);
        var (filter, rejection) = new ExperimentFilter(county, projectId, stage, reached, theme, search, goal, sort, dir).For(user);
        var paging = new Errors()
            .When(page is < 1, "page", "Pages start at 1.")
            .When(pageSize is < 1 or > 200, "pageSize", "Between 1 and 200.");
        if (rejection is Forbidden) return LedgerProblems.ToResult(rejection);
        if (paging.Any) return LedgerProblems.ToResult(paging.ToRejection());
        if (rejection is not null) return LedgerProblems.ToResult(rejection);

        var query = filter.Apply(session.Query<Experiment>());
        int p = page ?? 1, size = pageSize ?? 25;
        // A count of its own: a window count over the page (Marten's Stats) sorts every matching row first.
        var total = await filter.Where(session.Query<Experiment>()).CountAsync(http.RequestAborted);
        var items = await ExperimentListItem.From(query.Skip((p - 1) * size).Take(size)).ToListAsync(http.RequestAborted);
        return Results.Ok(new ExperimentPage(items, p, size, total));
    }
}
