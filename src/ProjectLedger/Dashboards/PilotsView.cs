using Marten;
using ProjectLedger.Experiments;

namespace ProjectLedger.Dashboards;

/// <summary>Participants counted in a period ending on a date (for "this week" figures).</summary>
public sealed record DatedCount(DateOnly PeriodEnd, int Count);

/// <summary>
/// One experiment's card on the pilots board, kept by the dashboards projection: on the board
/// while piloting or waiting for its evaluation, off it (OnBoard false) afterwards. One small
/// document per experiment, read per scope through indexes, so no board document grows with the
/// number of pilots in the country.
/// </summary>
public sealed record PilotCard(
    Guid Id, bool OnBoard, string Title, string County, Guid? ProjectId, IReadOnlyList<string> Themes, Stage Stage,
    IReadOnlyList<string> Sites, IReadOnlyList<string> Channels, DateOnly Start, DateOnly PlannedEnd, DateOnly? Ended,
    IReadOnlyList<DatedCount> RecentParticipation, DateTimeOffset UpdatedAt)
{
    /// <summary>The card for an experiment's state; null when it never had a pilot.</summary>
    public static PilotCard? Of(Experiment e, IReadOnlyList<DatedCount> recent, DateTimeOffset at)
    {
        if (e.Pilot is not { } pilot) return null;
        var awaitingEvaluation = e.Stage == Stage.Evaluating && (e.Evaluation is null || e.Evaluation.CompletedAt < e.StageEnteredAt);
        return new PilotCard(e.Id, e.Stage == Stage.Piloting || awaitingEvaluation, e.Title, e.County, e.ProjectId, e.Themes, e.Stage,
            pilot.Sites, pilot.Channels, pilot.Start, pilot.PlannedEnd, pilot.Ended, recent, at);
    }

    public IEnumerable<DashboardScope> Scopes() => DashboardScope.Of(County, ProjectId, Themes);
}

/// <summary>
/// The counts of a scope's board, kept as counters by the projection: how many cards are on the
/// board, how many are piloting, and how many planned ends fall on each day (by DateOnly.DayNumber),
/// so "overdue" (planned end before today) is a sum over days, whatever today is.
/// </summary>
public sealed class PilotsSummary : IScopeView
{
    public string Id { get; set; } = "";
    public int OnBoard { get; set; }
    public int Live { get; set; }
    public Dictionary<int, int> PlannedEnds { get; set; } = [];
    public DateTimeOffset UpdatedAt { get; set; }

    public void Apply(PilotCard? card, int sign)
    {
        if (card is not { OnBoard: true }) return;
        OnBoard += sign;
        if (card.Stage == Stage.Piloting) Live += sign;
        var day = card.PlannedEnd.DayNumber;
        var count = PlannedEnds.GetValueOrDefault(day) + sign;
        if (count == 0) PlannedEnds.Remove(day);
        else PlannedEnds[day] = count;
    }

    public int OverdueOn(DateOnly today) => PlannedEnds.Where(d => d.Key < today.DayNumber).Sum(d => d.Value);
}

public sealed record PilotFigures(
    Guid ExperimentId, string Title, string County, Guid? ProjectId, Stage Stage, IReadOnlyList<string> Sites, IReadOnlyList<string> Channels,
    DateOnly Start, DateOnly PlannedEnd, int DaysRunning, PrivateCount ParticipantsLast7Days, bool EvaluationOverdue);

/// <summary>
/// The board of a scope: its counts (one document), and the first Shown of its cards, overdue ones
/// first (planned end longest past), through a partial index on the cards on the board.
/// </summary>
public sealed record PilotsResponse(string Scope, IReadOnlyList<PilotFigures> Pilots, int OnBoard, int Live, int EvaluationOverdue, DateTimeOffset? UpdatedAt,
    DateTimeOffset? At = null)
{
    public const int Shown = 200;

    /// <summary>Days running and "this week" depend on today, so they are worked out at read time.</summary>
    public static async Task<PilotsResponse> Read(IQuerySession session, DashboardScope scope, DateOnly today, CancellationToken ct)
    {
        var batch = session.CreateBatchQuery();
        var summary = batch.Load<PilotsSummary>(scope.Id);
        var cards = batch.Query<PilotCard>().Where(InScope(scope)).Where(c => c.OnBoard).OrderBy(c => c.PlannedEnd).Take(Shown).ToList();
        await batch.Execute(ct);

        var shown = (await cards).Select(c => Figures(c, today)).ToList();
        var counts = await summary ?? new PilotsSummary { Id = scope };
        return new PilotsResponse(scope, shown, counts.OnBoard, counts.Live, counts.OverdueOn(today),
            shown.Count == 0 ? null : counts.UpdatedAt);
    }

    /// <summary>The board as it stood at a moment: the cards of the experiments' states then, "today" being that day.</summary>
    public static PilotsResponse From(string scope, IEnumerable<PilotCard?> cards, DateTimeOffset at, DateTimeOffset? updatedAt)
    {
        var today = DateOnly.FromDateTime(at.UtcDateTime);
        var onBoard = cards.OfType<PilotCard>().Where(c => c.OnBoard).OrderBy(c => c.PlannedEnd).ThenBy(c => c.Id).ToList();
        var shown = onBoard.Take(Shown).Select(c => Figures(c, today)).ToList();
        return new PilotsResponse(scope, shown, onBoard.Count, onBoard.Count(c => c.Stage == Stage.Piloting), onBoard.Count(c => c.PlannedEnd < today),
            shown.Count == 0 ? null : updatedAt, at);
    }

    /// <summary>The board as the reader may see it: this week's participants hidden when 1–4, unless they reveal (auditors).</summary>
    public PilotsResponse AsSeenBy(bool reveal) => reveal ? this : this with
    {
        Pilots = Pilots.Select(p => p with { ParticipantsLast7Days = PrivateCount.Of(p.ParticipantsLast7Days.Value ?? 0, false) }).ToList(),
    };

    private static PilotFigures Figures(PilotCard c, DateOnly today) => new(
        c.Id, c.Title, c.County, c.ProjectId, c.Stage, c.Sites, c.Channels, c.Start, c.PlannedEnd,
        DaysRunning: Math.Max(0, (c.Ended ?? today).DayNumber - c.Start.DayNumber),
        ParticipantsLast7Days: new PrivateCount(c.RecentParticipation.Where(r => r.PeriodEnd.DayNumber > today.DayNumber - 7 && r.PeriodEnd <= today).Sum(r => r.Count)),
        EvaluationOverdue: c.PlannedEnd < today);

    private static System.Linq.Expressions.Expression<Func<PilotCard, bool>> InScope(DashboardScope scope)
    {
        var key = scope.Key;
        switch (scope.Kind)
        {
            case ScopeKind.County: return c => c.County == key;
            case ScopeKind.Project:
                var project = scope.ProjectId;
                return c => c.ProjectId == project;
            case ScopeKind.Theme: return c => c.Themes.Contains(key);
            default: return c => true;
        }
    }
}
