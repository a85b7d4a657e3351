using Microsoft.AspNetCore.Mvc;
using Marten;
using ProjectLedger.Dashboards;
using ProjectLedger.Experiments;
using ProjectLedger.Portfolio;
using ProjectLedger.Security;
using ProjectLedger.Streams;
using Wolverine.Http;

namespace ProjectLedger.Exports;

/// <summary>Every dashboard table and the experiments list as CSV or XLSX, with the same filters, scope and moment as on screen.</summary>
public static class ExportEndpoints
{
    /// <summary>The experiments the list's filters select, all of them (not a page), streamed from the database.</summary>
    [EndpointSummary("The experiments the list's filters select, as CSV or XLSX (format=csv|xlsx), streamed; columns in docs/field-dictionary.md")]
    [ProducesResponseType(typeof(byte[]), 200, "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [WolverineGet("/api/experiments/export")]
    public static IResult Experiments(string? format, string? county, Guid? projectId, string? stage, string? reached, string? theme, string? search,
        string? goal, string? sort, string? dir, IQuerySession session, HttpContext http)
    {
        if (Format(format) is { } bad) return LedgerProblems.ToResult(bad);
        var (filter, rejection) = new ExperimentFilter(county, projectId, stage, reached, theme, search, goal, sort, dir).For(LedgerUser.From(http.User));
        if (rejection is not null) return LedgerProblems.ToResult(rejection);
        var rows = ExperimentListItem.From(filter.Apply(session.Query<Experiment>())).ToAsyncEnumerable(http.RequestAborted).Select(DashboardTables.ExperimentRow);
        return TableWriter.Result(new Table("experiments", DashboardTables.ExperimentColumns, rows), format ?? TableWriter.Csv);
    }

    /// <summary>One table of a dashboard (?table=, else its first), read exactly as the dashboard's own GET reads it.</summary>
    [EndpointSummary("One table of a dashboard as CSV or XLSX, with the dashboard's own filters and moment (at=)")]
    [ProducesResponseType(typeof(byte[]), 200, "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [WolverineGet("/api/dashboards/{dashboard}/export")]
    public static async Task<IResult> Dashboard(string dashboard, string? table, string? format, string? county, Guid? projectId, string? theme,
        DateTimeOffset? at, DateOnly? from, DateOnly? to, IQuerySession session, HttpContext http, TimeProvider clock, DashboardSnapshots snapshots, ExperimentEventRows rows)
    {
        if (!DashboardTables.Names.TryGetValue(dashboard, out var tables))
            return LedgerProblems.ToResult(new NotFound($"There is no dashboard '{dashboard}'; export one of: {string.Join(", ", DashboardTables.Names.Keys)}."));
        if (table is not null && !tables.Contains(table))
            return LedgerProblems.ToResult(Invalid.Field("table", $"One of: {string.Join(", ", tables)}."));
        if (Format(format) is { } bad) return LedgerProblems.ToResult(bad);

        var answer = dashboard switch
        {
            "funnel" => await DashboardEndpoints.Funnel(county, projectId, theme, at, session, http, snapshots, rows),
            "pilots" => await DashboardEndpoints.Pilots(county, projectId, theme, at, session, http, clock, rows),
            "participation" => await DashboardEndpoints.Participation(county, projectId, theme, at, from, to, session, http, clock, snapshots, rows),
            "goals" => await PortfolioEndpoints.Goals(county, projectId, at, session, http, rows),
            "factors" => await PortfolioEndpoints.Factors(county, projectId, theme, at, session, http, rows),
            _ => await PortfolioEndpoints.Counties(at, session, http, rows),
        };
        // A problem (403, 404, 400) carries a value too: only a 200 is figures.
        if (answer is not (IStatusCodeHttpResult { StatusCode: 200 } and IValueHttpResult { Value: { } figures })) return answer;
        return TableWriter.Result(DashboardTables.From(table ?? tables[0], figures), format ?? TableWriter.Csv);
    }

    private static Rejection? Format(string? format) =>
        format is null or TableWriter.Csv or TableWriter.Xlsx ? null : Invalid.Field("format", "csv or xlsx.");
}
