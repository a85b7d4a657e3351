using ProjectLedger.Experiments;

namespace ProjectLedger.Dashboards;

/// <summary>A pilot on the board: live, or ended and waiting for its evaluation.</summary>
public sealed record PilotEntry(
    Guid ExperimentId, string Title, string County, Guid? ProjectId, Stage Stage,
    IReadOnlyList<string> Sites, IReadOnlyList<string> Channels, DateOnly Start, DateOnly PlannedEnd, DateOnly? Ended,
    IReadOnlyList<DatedCount> RecentParticipation)
{
    /// <summary>On the board: piloting now, or pilot ended and its evaluation not yet done.</summary>
    public static PilotEntry? Of(Experiment e, IReadOnlyList<DatedCount> recent)
    {
        if (e.Pilot is not { } pilot) return null;
        var awaitingEvaluation = e.Stage == Stage.Evaluating && (e.Evaluation is null || e.Evaluation.CompletedAt < e.StageEnteredAt);
        if (e.Stage != Stage.Piloting && !awaitingEvaluation) return null;
        return new PilotEntry(e.Id, e.Title, e.County, e.ProjectId, e.Stage, pilot.Sites, pilot.Channels, pilot.Start, pilot.PlannedEnd, pilot.Ended, recent);
    }
}

/// <summary>Participants counted in a period ending on a date (for "this week" figures).</summary>
public sealed record DatedCount(DateOnly PeriodEnd, int Count);

/// <summary>The pilots board of one scope: the pilots by experiment id.</summary>
public sealed class PilotsView
{
    public string Id { get; set; } = "";
    public Dictionary<Guid, PilotEntry> Pilots { get; set; } = [];
    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed record PilotFigures(
    Guid ExperimentId, string Title, string County, Guid? ProjectId, Stage Stage, IReadOnlyList<string> Sites, IReadOnlyList<string> Channels,
    DateOnly Start, DateOnly PlannedEnd, int DaysRunning, int ParticipantsLast7Days, bool EvaluationOverdue);

public sealed record PilotsResponse(string Scope, IReadOnlyList<PilotFigures> Pilots, int Live, int EvaluationOverdue, DateTimeOffset? UpdatedAt)
{
    /// <summary>Days running and "this week" depend on today, so they are worked out at read time from the stored board.</summary>
    public static PilotsResponse From(string scope, PilotsView? view, DateOnly today)
    {
        var pilots = (view?.Pilots.Values ?? Enumerable.Empty<PilotEntry>()).Select(p => new PilotFigures(
                p.ExperimentId, p.Title, p.County, p.ProjectId, p.Stage, p.Sites, p.Channels, p.Start, p.PlannedEnd,
                DaysRunning: Math.Max(0, (p.Ended ?? today).DayNumber - p.Start.DayNumber),
                ParticipantsLast7Days: p.RecentParticipation.Where(r => r.PeriodEnd.DayNumber > today.DayNumber - 7 && r.PeriodEnd <= today).Sum(r => r.Count),
                EvaluationOverdue: p.PlannedEnd < today))
            .OrderByDescending(p => p.EvaluationOverdue).ThenBy(p => p.PlannedEnd).ToList();
        return new PilotsResponse(scope, pilots, pilots.Count(p => p.Stage == Stage.Piloting), pilots.Count(p => p.EvaluationOverdue),
            pilots.Count == 0 ? null : view!.UpdatedAt);
    }
}
