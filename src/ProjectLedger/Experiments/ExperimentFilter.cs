using Marten;
using ProjectLedger.Security;
using ProjectLedger.Streams;

namespace ProjectLedger.Experiments;

/// <summary>
/// Which experiments a list or an export holds, as the URL says: the same filters every count on the
/// dashboards links with (stage now, stage ever reached, goal served), a title search and a sort.
/// </summary>
public sealed record ExperimentFilter(
    string? County, Guid? ProjectId, string? Stage, string? Reached, string? Theme, string? Search, string? Goal, string? Sort, string? Dir)
{
    public static readonly IReadOnlyList<string> SortColumns = ["lastChangedAt", "title", "county", "stage", "stageEnteredAt", "proposedAt"];

    /// <summary>The caller's county when they read only theirs; a rejection for a county or value they may not ask for.</summary>
    public (ExperimentFilter Filter, Rejection? Rejection) For(LedgerUser user)
    {
        var errors = new Errors()
            .When(Stage is not null && !Enum.TryParse<Stage>(Stage, ignoreCase: true, out _), "stage", $"One of: {string.Join(", ", Enum.GetNames<Stage>())}.")
            .When(Reached is not null && !Enum.TryParse<Stage>(Reached, ignoreCase: true, out _), "reached", $"One of: {string.Join(", ", Enum.GetNames<Stage>())}.")
            .When(Sort is not null && !SortColumns.Contains(Sort), "sort", $"One of: {string.Join(", ", SortColumns)}.")
            .When(Dir is not null && Dir is not ("asc" or "desc"), "dir", "asc or desc.")
            .MaxLength(Search, "search", 200)
            .MaxLength(Goal, "goal", 500);
        if (County is not null && !user.CanRead(County)) return (this, new Forbidden($"You read {user.County}, not {County}."));
        if (errors.Any) return (this, errors.ToRejection());
        return (user.SeesAllCounties ? this : this with { County = user.County }, null);
    }

    /// <summary>The matching experiments in the asked order.</summary>
    public IQueryable<Experiment> Apply(IQueryable<Experiment> query) => Order(Where(query));

    public IQueryable<Experiment> Where(IQueryable<Experiment> query)
    {
        if (County is not null) query = query.Where(x => x.County == County);
        if (ProjectId is { } pid) query = query.Where(x => x.ProjectId == pid);
        if (Stage is not null)
        {
            var wanted = Enum.Parse<Stage>(Stage, ignoreCase: true);
            query = query.Where(x => x.Stage == wanted);
        }
        if (Reached is not null)
        {
            var reached = Enum.Parse<Stage>(Reached, ignoreCase: true);
            query = query.Where(x => x.StageHistory.Any(v => v.Stage == reached));
        }
        if (Theme is not null)
        {
            var tag = Vocabulary.Theme(Theme);
            query = query.Where(x => x.Themes.Contains(tag));
        }
        if (!string.IsNullOrWhiteSpace(Search))
        {
            var words = Search.Trim();
            query = query.Where(x => x.Title.Contains(words, StringComparison.OrdinalIgnoreCase));
        }
        if (!string.IsNullOrWhiteSpace(Goal))
        {
            var goal = Goal.Trim();
            query = query.Where(x => x.Plan != null && x.Plan.GoalsServed.Contains(goal));
        }
        return query;
    }

    /// <summary>The stages in the order an experiment lives them (stored as text, so a plain sort would be alphabetical).</summary>
    public static readonly IReadOnlyList<Stage> Lifecycle =
        [Experiments.Stage.Idea, Experiments.Stage.Planned, Experiments.Stage.Piloting, Experiments.Stage.Evaluating, Experiments.Stage.OnHold,
         Experiments.Stage.Adopted, Experiments.Stage.Discontinued];

    private static readonly string LifecycleOrder =
        $"array_position(array[{string.Join(", ", Lifecycle.Select(s => $"'{s}'"))}]::varchar[], d.stage::varchar)";

    private IQueryable<Experiment> Order(IQueryable<Experiment> query)
    {
        var ascending = Dir == "asc" || (Dir is null && Sort is "title" or "county");
        return (Sort ?? "lastChangedAt") switch
        {
            "title" => ascending ? query.OrderBy(x => x.Title).ThenBy(x => x.Id) : query.OrderByDescending(x => x.Title).ThenBy(x => x.Id),
            "county" => ascending ? query.OrderBy(x => x.County).ThenBy(x => x.Title) : query.OrderByDescending(x => x.County).ThenBy(x => x.Title),
            "stage" => query.OrderBySql($"{LifecycleOrder} {(ascending ? "asc" : "desc")}").ThenBySql("d.data ->> 'title'"),
            "stageEnteredAt" => ascending ? query.OrderBy(x => x.StageEnteredAt) : query.OrderByDescending(x => x.StageEnteredAt),
            "proposedAt" => ascending ? query.OrderBy(x => x.ProposedAt) : query.OrderByDescending(x => x.ProposedAt),
            _ => ascending ? query.OrderBy(x => x.LastChangedAt) : query.OrderByDescending(x => x.LastChangedAt),
        };
    }
}
