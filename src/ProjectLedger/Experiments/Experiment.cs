using ProjectLedger.OperatingModels;
using ProjectLedger.Streams;

namespace ProjectLedger.Experiments;

public sealed record Plan(
    string Hypothesis, string TargetGroup, IReadOnlyList<SuccessCriterion> SuccessCriteria,
    IReadOnlyList<string> GoalsServed, decimal ParticipationHours);

public sealed record Stakeholder(string Organisation, string Kind, IReadOnlyList<string> Roles);

public sealed record Pilot(IReadOnlyList<string> Sites, DateOnly Start, DateOnly PlannedEnd, IReadOnlyList<string> Channels, DateOnly? Ended);

public sealed record ParticipationTotals(
    int Total,
    IReadOnlyDictionary<string, int> ByKind,
    IReadOnlyDictionary<string, int> ByAgeBand,
    IReadOnlyDictionary<string, int> ByWay,
    IReadOnlyDictionary<string, int> ByChannel)
{
    public static readonly ParticipationTotals None = new(0,
        Vocabulary.Zeros(Vocabulary.StakeholderKinds), Vocabulary.Zeros(Vocabulary.AgeBands),
        Vocabulary.Zeros(Vocabulary.Ways), Vocabulary.Zeros(Vocabulary.Channels));

    public ParticipationTotals Add(ParticipationRecorded r)
    {
        var count = r.ByKind.Values.Sum();
        return new ParticipationTotals(
            Total + count,
            Sum(ByKind, r.ByKind),
            Sum(ByAgeBand, r.ByAgeBand),
            Sum(ByWay, new Dictionary<string, int> { [r.Way] = count }),
            Sum(ByChannel, new Dictionary<string, int> { [r.Channel] = count }));
    }

    private static Dictionary<string, int> Sum(IReadOnlyDictionary<string, int> a, IReadOnlyDictionary<string, int> b)
    {
        var sum = new Dictionary<string, int>(a);
        foreach (var (key, value) in b) sum[key] = sum.GetValueOrDefault(key) + value;
        return sum;
    }
}

public sealed record Session(string Kind, DateOnly Date, string Theme, IReadOnlyDictionary<string, int> AttendeesByKind, IReadOnlyList<string> Insights);

/// <summary>A success criterion with its latest measurement.</summary>
public sealed record CriterionProgress(string Metric, decimal Baseline, decimal Target, string Unit, decimal? Latest, DateOnly? LatestAt)
{
    /// <summary>Whether the latest value has reached the target (in the target's direction from the baseline).</summary>
    public bool? OnTarget => Latest is not { } latest ? null : Target >= Baseline ? latest >= Target : latest <= Target;
}

public sealed record FeedbackSummary(int Count, int ScoreSum)
{
    public static readonly FeedbackSummary None = new(0, 0);
    public decimal? AverageScore => Count == 0 ? null : Math.Round((decimal)ScoreSum / Count, 2);
}

public sealed record Evaluation(IReadOnlyList<CriterionJudgement> Criteria, string Verdict, string Lessons, DateTimeOffset CompletedAt);

public sealed record Adoption(string Scope, IReadOnlyList<string> Processes, OperatingModel OperatingModel, DateTimeOffset AdoptedAt);

public sealed record Discontinuation(string Reason, string Lessons, DateTimeOffset DiscontinuedAt);

public sealed record Hold(string Reason, Stage From, DateTimeOffset Since, DateOnly? ReviewOn);

/// <summary>One stay in a stage: the funnel's conversion and days-in-stage come from these.</summary>
public sealed record StageVisit(Stage Stage, DateTimeOffset Entered, DateTimeOffset? Left);

/// <summary>
/// An experiment as its stream says it is now: the inline snapshot behind GET /api/experiments/{id},
/// the list and the writes. Immutable: ExperimentProjection builds each new state from the last.
/// </summary>
public sealed record Experiment(
    Guid Id,
    long Version,
    string Title,
    string Problem,
    string County,
    Guid? ProjectId,
    string? Workstream,
    IReadOnlyList<string> Themes,
    string ProposedByRole,
    Stage Stage,
    DateTimeOffset ProposedAt,
    DateTimeOffset StageEnteredAt,
    DateTimeOffset LastChangedAt,
    Plan? Plan,
    IReadOnlyList<Stakeholder> Stakeholders,
    Pilot? Pilot,
    ParticipationTotals Participation,
    IReadOnlyList<Session> Sessions,
    IReadOnlyList<CriterionProgress> Measurements,
    FeedbackSummary Feedback,
    SuccessFactorsAssessed? SuccessFactors,
    Evaluation? Evaluation,
    Adoption? Adoption,
    Discontinuation? Discontinuation,
    Hold? OnHold,
    IReadOnlyList<StageVisit> StageHistory) : ICountyScoped
{
    /// <summary>The adopted model this experiment adapts, when it was proposed as an adaptation.</summary>
    public Lineage? AdaptedFrom { get; init; }

    /// <summary>Set while the adopted operating model is in the public catalogue.</summary>
    public Publication? Publication { get; init; }
}
