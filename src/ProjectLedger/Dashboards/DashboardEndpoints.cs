using Microsoft.AspNetCore.Mvc;
using Marten;
using ProjectLedger.Experiments;
using ProjectLedger.Portfolio;
using ProjectLedger.Security;
using ProjectLedger.Streams;
using Wolverine.Http;

namespace ProjectLedger.Dashboards;

/// <summary>
/// The three kept dashboards, each one document read by id: no replay, no scan. With ?at=TIME each
/// is built from the events up to that time instead.
/// </summary>
public static class DashboardEndpoints
{
    /// <summary>The live funnel, or with ?at=TIME the funnel as it stood then (built from the events up to that time).</summary>
    [EndpointSummary("Adoption funnel: counts per stage, conversion, median days, discontinuation reasons")]
    [ProducesResponseType<FunnelResponse>(200)]
    [WolverineGet("/api/dashboards/funnel")]
    public static Task<IResult> Funnel(string? county, Guid? projectId, string? theme, DateTimeOffset? at, IQuerySession session, HttpContext http,
        DashboardSnapshots snapshots, ExperimentEventRows rows) =>
        at is { } moment
            ? Read(county, projectId, theme, session, http, async (s, scope, _, ct) => await FunnelAsOf.At(s, snapshots, rows, scope, moment.ToUniversalTime(), ct))
            : Live(DashboardReader.FunnelName, county, projectId, theme, session, http, default, (s, scope, _, ct) => DashboardReader.Funnel(s, scope, ct));

    [EndpointSummary("Live pilots: sites, days running, participants this week, overdue evaluations")]
    [ProducesResponseType<PilotsResponse>(200)]
    [WolverineGet("/api/dashboards/pilots")]
    public static Task<IResult> Pilots(string? county, Guid? projectId, string? theme, DateTimeOffset? at, IQuerySession session, HttpContext http, TimeProvider clock,
        ExperimentEventRows rows)
    {
        if (at is { } moment)
            return Read(county, projectId, theme, session, http, async (s, scope, reveal, ct) =>
            {
                var states = await PortfolioStates.At(s, rows, scope, moment.ToUniversalTime(), ct, x => x.Pilot != null, participation: true);
                var recent = states.Participation.ToLookup(p => p.ExperimentId, p => new DatedCount(p.Record.PeriodEnd, p.Record.ByKind.Values.Sum()));
                var cards = states.Experiments.Select(e => PilotCard.Of(e, [.. recent[e.Id]], e.LastChangedAt));
                return PilotsResponse.From(scope, cards, moment.ToUniversalTime(), states.LastEventAt).AsSeenBy(reveal);
            });
        // One "today" for the cache key and the answer it keys.
        var today = DashboardReader.Today(clock);
        return Live(DashboardReader.PilotsName, county, projectId, theme, session, http, today,
            (s, scope, reveal, ct) => DashboardReader.Pilots(s, scope, reveal, today, ct));
    }

    /// <summary>Participation now or as of ?at=; with ?from=&amp;to= only the records whose period ends in that range count.</summary>
    [EndpointSummary("Participation by stakeholder kind, age band, way and channel, with reach gaps")]
    [ProducesResponseType<ParticipationResponse>(200)]
    [WolverineGet("/api/dashboards/participation")]
    public static Task<IResult> Participation(string? county, Guid? projectId, string? theme, DateTimeOffset? at, DateOnly? from, DateOnly? to,
        IQuerySession session, HttpContext http, TimeProvider clock, DashboardSnapshots snapshots, ExperimentEventRows rows)
    {
        if (from is { } f && to is { } t && f > t)
            return Task.FromResult(LedgerProblems.ToResult(Invalid.Field("from", "The period starts on or before it ends.")));
        var moment = at?.ToUniversalTime();
        if (from is null && to is null && moment is null)
            return Live(DashboardReader.ParticipationName, county, projectId, theme, session, http, default, DashboardReader.Participation);
        return Read(county, projectId, theme, session, http, async (s, scope, reveal, ct) =>
        {
            var view = new ParticipationView { Id = scope };
            DateTimeOffset? updated;
            if (from is null && to is null && await snapshots.At(s, scope, moment!.Value, ct) is { } views)
            {
                view = views.Participation;
                view.Id = scope;
                updated = view.UpdatedAt == default ? null : view.UpdatedAt;
            }
            else if (from is null && to is null)
            {
                var states = await PortfolioStates.At(s, rows, scope, moment!.Value, ct);
                foreach (var e in states.Experiments) view.Apply(e, +1);
                updated = states.LastEventAt;
            }
            else
            {
                var records = moment is { } m ? (await PortfolioStates.At(s, rows, scope, m, ct, participation: true)).Participation : await PortfolioStates.ParticipationNow(s, scope, ct);
                foreach (var r in records.Where(r => (from is null || r.Record.PeriodEnd >= from) && (to is null || r.Record.PeriodEnd <= to)))
                    view.Apply(ParticipationTotals.None.Add(r.Record), +1);
                updated = null;
            }
            view.UpdatedAt = updated ?? clock.GetUtcNow();
            return ParticipationResponse.From(scope, view).AsSeenBy(reveal) with { At = moment, From = from, To = to };
        });
    }

    public static Task<IResult> Read(string? county, Guid? projectId, string? theme, IQuerySession session, HttpContext http,
        Func<IQuerySession, DashboardScope, bool, CancellationToken, Task<object>> read) =>
        Scoped(county, projectId, theme, session, http, async (scope, reveal) => Results.Ok(await read(session, scope, reveal, http.RequestAborted)));

    /// <summary>A live dashboard: as Read, through the DashboardCache (today: the day the answer depends on, if any).</summary>
    private static Task<IResult> Live(string dashboard, string? county, Guid? projectId, string? theme, IQuerySession session, HttpContext http,
        DateOnly today, Func<IQuerySession, DashboardScope, bool, CancellationToken, Task<object>> read) =>
        Scoped(county, projectId, theme, session, http, (scope, reveal) => http.RequestServices.GetRequiredService<DashboardCache>()
            .Read(dashboard, scope, reveal, today, () => read(session, scope, reveal, http.RequestAborted), http.RequestAborted));

    /// <summary>The caller's scope from the query, authorised, and whether the caller sees small counts; then the answer.</summary>
    private static async Task<IResult> Scoped(string? county, Guid? projectId, string? theme, IQuerySession session, HttpContext http,
        Func<DashboardScope, bool, Task<IResult>> answer)
    {
        var user = LedgerUser.From(http.User);
        var scope = DashboardScope.FromQuery(county, projectId, theme, user);
        if (await scope.Authorize(user, session, http.RequestAborted) is { } refusal)
            return LedgerProblems.ToResult(refusal);
        return await answer(scope, PrivateCount.Reveals(user));
    }
}

/// <summary>Turns a stored dashboard document into what clients get, for GETs and pushes alike.</summary>
public static class DashboardReader
{
    public const string FunnelName = "funnel";
    public const string PilotsName = "pilots";
    public const string ParticipationName = "participation";
    public static readonly IReadOnlyList<string> Names = [FunnelName, PilotsName, ParticipationName];

    public static async Task<object> Funnel(IQuerySession session, DashboardScope scope, CancellationToken ct) =>
        FunnelResponse.From(scope, await session.LoadAsync<FunnelView>(scope.Id, ct));

    public static async Task<object> Pilots(IQuerySession session, DashboardScope scope, bool reveal, DateOnly today, CancellationToken ct) =>
        (await PilotsResponse.Read(session, scope, today, ct)).AsSeenBy(reveal);

    public static async Task<object> Participation(IQuerySession session, DashboardScope scope, bool reveal, CancellationToken ct) =>
        ParticipationResponse.From(scope, await session.LoadAsync<ParticipationView>(scope.Id, ct)).AsSeenBy(reveal);

    public static Task<object> Read(string dashboard, IQuerySession session, DashboardScope scope, bool reveal, DateOnly today, CancellationToken ct) => dashboard switch
    {
        FunnelName => Funnel(session, scope, ct),
        PilotsName => Pilots(session, scope, reveal, today, ct),
        _ => Participation(session, scope, reveal, ct),
    };

    /// <summary>The push payload for a funnel or participation document the projection just stored, as seen with or without small counts.</summary>
    public static (string Dashboard, string Scope, Func<bool, object> Data)? FromDocument(object document) => document switch
    {
        FunnelView f => (FunnelName, f.Id, _ => FunnelResponse.From(f.Id, f)),
        ParticipationView p => (ParticipationName, p.Id, reveal => ParticipationResponse.From(p.Id, p).AsSeenBy(reveal)),
        _ => null,
    };

    /// <summary>"Today" for overdue evaluations and this week's participants: the UTC date of the app's clock.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
