using ProjectLedger.Experiments;
using Microsoft.AspNetCore.Mvc;
using Marten;
using ProjectLedger.Dashboards;
using ProjectLedger.Security;
using ProjectLedger.Streams;
using Wolverine.Http;

namespace ProjectLedger.Portfolio;

/// <summary>
/// What leadership learns from the portfolio: goals, success factors against outcome, and the
/// counties side by side; each now, or with ?at=TIME as it stood then (built from the events up to it).
/// </summary>
public static class PortfolioEndpoints
{
    /// <summary>Each goal of the scope's projects: baseline → target → latest measured value (project, county or national).</summary>
    [EndpointSummary("Project goals: baseline, target and the latest measured value")]
    [ProducesResponseType<GoalsResponse>(200)]
    [WolverineGet("/api/dashboards/goals")]
    public static Task<IResult> Goals(string? county, Guid? projectId, DateTimeOffset? at, IQuerySession session, HttpContext http, ExperimentEventRows rows) =>
        DashboardEndpoints.Read(county, projectId, null, session, http, async (s, scope, _, ct) => at is { } moment
            ? GoalsResponse.From(scope, await PortfolioStates.At(s, rows, scope, moment.ToUniversalTime(), ct, x => x.ProjectId != null && x.Plan != null, projects: true), moment.ToUniversalTime())
            : GoalsResponse.From(scope, await PortfolioStates.Now(s, scope, ct, x => x.ProjectId != null && x.Plan != null, projects: true), null));

    /// <summary>Success factors' means for adopted, discontinued and running experiments of a scope.</summary>
    [EndpointSummary("Success factors by outcome")]
    [ProducesResponseType<SuccessFactorsResponse>(200)]
    [WolverineGet("/api/dashboards/factors")]
    public static Task<IResult> Factors(string? county, Guid? projectId, string? theme, DateTimeOffset? at, IQuerySession session, HttpContext http,
        ExperimentEventRows rows) =>
        DashboardEndpoints.Read(county, projectId, theme, session, http, async (s, scope, _, ct) => at is { } moment
            ? SuccessFactorsResponse.From(scope, await PortfolioStates.At(s, rows, scope, moment.ToUniversalTime(), ct, x => x.SuccessFactors != null), moment.ToUniversalTime())
            : SuccessFactorsResponse.From(scope, await PortfolioStates.Now(s, scope, ct, x => x.SuccessFactors != null), null));

    /// <summary>The 22 organisers side by side: national leadership, auditors and admins only.</summary>
    [EndpointSummary("The counties side by side (national leadership, auditors, admins)")]
    [ProducesResponseType<CountyComparisonResponse>(200)]
    [WolverineGet("/api/dashboards/counties")]
    public static async Task<IResult> Counties(DateTimeOffset? at, IQuerySession session, HttpContext http, ExperimentEventRows rows)
    {
        var user = LedgerUser.From(http.User);
        if (!user.SeesAllCounties)
            return LedgerProblems.ToResult(new Forbidden("The counties side by side are for national leadership, auditors and admins."));
        return Results.Ok(at is { } moment
            ? CountyComparisonResponse.AsOf(await PortfolioStates.At(session, rows, DashboardScope.National, moment.ToUniversalTime(), http.RequestAborted), moment.ToUniversalTime())
            : await CountyComparisonResponse.Now(session, http.RequestAborted));
    }
}
