using Marten;
using ProjectLedger.Security;
using ProjectLedger.Streams;
using Wolverine.Http;

namespace ProjectLedger.Dashboards;

/// <summary>The three dashboards, each one document read by id: no replay, no scan.</summary>
public static class DashboardEndpoints
{
    /// <summary>The live funnel, or with ?at=TIME the funnel as it stood then (built from the events up to that time).</summary>
    [WolverineGet("/api/dashboards/funnel")]
    public static Task<IResult> Funnel(string? county, Guid? projectId, string? theme, DateTimeOffset? at, IQuerySession session, HttpContext http) =>
        Read(county, projectId, theme, session, http, at is { } moment
            ? async (s, scope, ct) => await FunnelAsOf.At(s, scope, moment.ToUniversalTime(), ct)
            : DashboardReader.Funnel);

    [WolverineGet("/api/dashboards/pilots")]
    public static Task<IResult> Pilots(string? county, Guid? projectId, string? theme, IQuerySession session, HttpContext http) =>
        Read(county, projectId, theme, session, http, DashboardReader.Pilots);

    [WolverineGet("/api/dashboards/participation")]
    public static Task<IResult> Participation(string? county, Guid? projectId, string? theme, IQuerySession session, HttpContext http) =>
        Read(county, projectId, theme, session, http, DashboardReader.Participation);

    private static async Task<IResult> Read(string? county, Guid? projectId, string? theme, IQuerySession session, HttpContext http,
        Func<IQuerySession, DashboardScope, CancellationToken, Task<object>> read)
    {
        var user = LedgerUser.From(http.User);
        var scope = DashboardScope.FromQuery(county, projectId, theme, user);
        if (await scope.Authorize(user, session, http.RequestAborted) is { } refusal)
            return LedgerProblems.ToResult(refusal);
        return Results.Ok(await read(session, scope, http.RequestAborted));
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
        FunnelResponse.From(scope.Id, await session.LoadAsync<FunnelView>(scope.Id, ct));

    public static async Task<object> Pilots(IQuerySession session, DashboardScope scope, CancellationToken ct) =>
        await PilotsResponse.Read(session, scope, Today(), ct);

    public static async Task<object> Participation(IQuerySession session, DashboardScope scope, CancellationToken ct) =>
        ParticipationResponse.From(scope.Id, await session.LoadAsync<ParticipationView>(scope.Id, ct));

    public static Task<object> Read(string dashboard, IQuerySession session, DashboardScope scope, CancellationToken ct) => dashboard switch
    {
        FunnelName => Funnel(session, scope, ct),
        PilotsName => Pilots(session, scope, ct),
        _ => Participation(session, scope, ct),
    };

    /// <summary>The push payload for a funnel or participation document the projection just stored.</summary>
    public static (string Dashboard, string Scope, object Data)? FromDocument(object document) => document switch
    {
        FunnelView f => (FunnelName, f.Id, FunnelResponse.From(f.Id, f)),
        ParticipationView p => (ParticipationName, p.Id, ParticipationResponse.From(p.Id, p)),
        _ => null,
    };

    public static DateOnly Today() => DateOnly.FromDateTime(DateTime.UtcNow);
}
