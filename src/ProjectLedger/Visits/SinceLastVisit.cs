using Microsoft.AspNetCore.Mvc;
using JasperFx.Events;
using Marten;
using ProjectLedger.Dashboards;
using ProjectLedger.Experiments;
using ProjectLedger.OperatingModels;
using ProjectLedger.Security;
using ProjectLedger.Streams;
using Wolverine.Http;

namespace ProjectLedger.Visits;

/// <summary>When a user last looked at what changed (kept per user id).</summary>
public sealed class LastVisit
{
    public string Id { get; set; } = "";
    public DateTimeOffset SeenAt { get; set; }
}

public static class ChangeKinds
{
    public const string StageChanged = "stageChanged";
    public const string Adopted = "adopted";
    public const string Published = "published";
    public const string EvaluationOverdue = "evaluationOverdue";
}

/// <summary>One thing that happened in the reader's scope: which experiment, what, and when.</summary>
public sealed record Change(Guid ExperimentId, string Title, string County, string Kind, DateTimeOffset At, Stage? From, Stage? To, string? Scope, DateOnly? PlannedEnd);

public sealed record ChangesSinceLastVisit(DateTimeOffset Since, DateTimeOffset Until, bool FirstVisit, IReadOnlyList<Change> Changes);

public sealed record MarkVisit(DateTimeOffset? SeenUntil);

/// <summary>
/// "What changed since your last visit": stage changes, adoptions, publications and evaluations that
/// fell overdue in the reader's scope since the time kept for them, newest first.
/// </summary>
public static class SinceLastVisitEndpoints
{
    public const int MaxChanges = 100;
    public static readonly TimeSpan FirstVisitWindow = TimeSpan.FromDays(14);

    [EndpointSummary("What changed in the reader's scope since their last visit")]
    [ProducesResponseType<ChangesSinceLastVisit>(200)]
    [WolverineGet("/api/me/changes")]
    public static async Task<IResult> Get(IQuerySession session, HttpContext http, TimeProvider clock)
    {
        var ct = http.RequestAborted;
        var user = LedgerUser.From(http.User);
        var until = clock.GetUtcNow();
        var visit = await session.LoadAsync<LastVisit>(user.Id, ct);
        var since = visit?.SeenAt ?? until - FirstVisitWindow;

        var touched = session.Query<Experiment>().Where(x => x.LastChangedAt > since);
        if (!user.SeesAllCounties) touched = touched.Where(x => x.County == user.County);
        var experiments = (await touched.OrderByDescending(x => x.LastChangedAt).Take(MaxChanges).ToListAsync(ct)).ToDictionary(x => x.Id);
        var ids = experiments.Keys.ToArray();
        var events = ids.Length == 0 ? [] : await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId.IsOneOf(ids) && e.Timestamp > since)
            .ToListAsync(ct);
        var changes = events.Select(e => Describe(e, experiments[e.StreamId])).OfType<Change>().ToList();

        var today = DateOnly.FromDateTime(until.UtcDateTime);
        var sinceDay = DateOnly.FromDateTime(since.UtcDateTime);
        var overdue = session.Query<PilotCard>().Where(c => c.OnBoard && c.PlannedEnd >= sinceDay && c.PlannedEnd < today);
        if (!user.SeesAllCounties) overdue = overdue.Where(c => c.County == user.County);
        changes.AddRange((await overdue.Take(MaxChanges).ToListAsync(ct)).Select(c => new Change(
            c.Id, c.Title, c.County, ChangeKinds.EvaluationOverdue,
            new DateTimeOffset(c.PlannedEnd.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), null, c.Stage, null, c.PlannedEnd)));

        return Results.Ok(new ChangesSinceLastVisit(since, until, visit is null,
            changes.OrderByDescending(c => c.At).Take(MaxChanges).ToList()));
    }

    /// <summary>Remembers that the user has seen the changes up to SeenUntil (the GET's "until"), or up to now.</summary>
    [EndpointSummary("Mark the reader's visit (what they have seen until)")]
    [ProducesResponseType(204)]
    [WolverinePost("/api/me/visits")]
    public static async Task<IResult> Post(MarkVisit? command, IDocumentSession session, HttpContext http, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        if (command?.SeenUntil > now.AddMinutes(1))
            return LedgerProblems.ToResult(Invalid.Field("seenUntil", "Not in the future."));
        var user = LedgerUser.From(http.User);
        session.Store(new LastVisit { Id = user.Id, SeenAt = command?.SeenUntil ?? now });
        await session.SaveChangesAsync(http.RequestAborted);
        return Results.NoContent();
    }

    private static Change? Describe(IEvent e, Experiment x) => e.Data switch
    {
        ExperimentAdopted adopted => new Change(x.Id, x.Title, x.County, ChangeKinds.Adopted, e.Timestamp, null, Stage.Adopted, adopted.Scope, null),
        StageGateDecided { To: not Stage.Adopted } gate => new Change(x.Id, x.Title, x.County, ChangeKinds.StageChanged, e.Timestamp, gate.From, gate.To, null, null),
        OperatingModelPublished => new Change(x.Id, x.Title, x.County, ChangeKinds.Published, e.Timestamp, null, null, x.Adoption?.Scope, null),
        _ => null,
    };
}
