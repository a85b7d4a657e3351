using Microsoft.AspNetCore.Mvc;
using Marten;
using ProjectLedger.Security;
using ProjectLedger.Streams;
using Wolverine.Http;

namespace ProjectLedger.Experiments;

public sealed record ExperimentListItem(
    Guid Id, string Title, string County, Guid? ProjectId, Stage Stage, IReadOnlyList<string> Themes,
    DateTimeOffset StageEnteredAt, DateTimeOffset LastChangedAt, long Version);

public sealed record ExperimentPage(IReadOnlyList<ExperimentListItem> Items, int Page, int PageSize, long Total);

public static class ListExperimentsEndpoint
{
    /// <summary>Filtered and paged from the experiment documents (indexed), newest change first.</summary>
    [EndpointSummary("List experiments by county, project, stage or theme, paged")]
    [ProducesResponseType<ExperimentPage>(200)]
    [WolverineGet("/api/experiments")]
    public static async Task<IResult> Get(string? county, Guid? projectId, string? stage, string? theme, int? page, int? pageSize,
        IQuerySession session, HttpContext http)
    {
        var user = LedgerUser.From(http.User);
        var errors = new Errors()
            .When(page is < 1, "page", "Pages start at 1.")
            .When(pageSize is < 1 or > 200, "pageSize", "Between 1 and 200.")
            .When(stage is not null && !Enum.TryParse<Stage>(stage, ignoreCase: true, out _), "stage",
                $"One of: {string.Join(", ", Enum.GetNames<Stage>())}.");
        if (county is not null && !user.CanRead(county))
            return LedgerProblems.ToResult(new Forbidden($"You read {user.County}, not {county}."));
        if (errors.Any) return LedgerProblems.ToResult(errors.ToRejection());
        if (!user.SeesAllCounties) county = user.County;

        var query = session.Query<Experiment>().AsQueryable();
        if (county is not null) query = query.Where(x => x.County == county);
        if (projectId is { } pid) query = query.Where(x => x.ProjectId == pid);
        if (stage is not null)
        {
            var wanted = Enum.Parse<Stage>(stage, ignoreCase: true);
            query = query.Where(x => x.Stage == wanted);
        }
        if (theme is not null)
        {
            var tag = Vocabulary.Theme(theme);
            query = query.Where(x => x.Themes.Contains(tag));
        }

        int p = page ?? 1, size = pageSize ?? 25;
        // A count of its own: a window count over the page (Marten's Stats) sorts every matching row first.
        var total = await query.CountAsync(http.RequestAborted);
        var items = await query.OrderByDescending(x => x.LastChangedAt).Skip((p - 1) * size).Take(size).ToListAsync(http.RequestAborted);
        return Results.Ok(new ExperimentPage(
            items.Select(x => new ExperimentListItem(x.Id, x.Title, x.County, x.ProjectId, x.Stage, x.Themes, x.StageEnteredAt, x.LastChangedAt, x.Version)).ToList(),
            p, size, total));
    }
}
