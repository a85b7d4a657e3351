using JasperFx.Events;
using Marten.Events.Aggregation;
using ProjectLedger.OperatingModels;

namespace ProjectLedger.Experiments;

/// <summary>The fold of an experiment's stream, kept inline so reads and writes never replay.</summary>
public partial class ExperimentProjection : SingleStreamProjection<Experiment, Guid>
{
    // Declared so Marten applies it to experiment streams only (an explicit Evolve names no event types).
    public ExperimentProjection()
    {
        foreach (var type in LedgerEventTypes.Experiment) IncludeType(type);
    }

    public override Experiment? Evolve(Experiment? state, Guid id, IEvent e) => Fold(state, id, e.Data, e.Version, e.Timestamp);

    /// <summary>The fold itself, on the event's data, version and time (as-of reads call it without Marten's wrappers).</summary>
    public static Experiment? Fold(Experiment? state, Guid id, object data, long version, DateTimeOffset timestamp)
    {
        if (state is null)
            return data is ExperimentProposed p ? Start(id, version, timestamp, p) : null;

        state = state with { Version = version, LastChangedAt = timestamp };
        return data switch
        {
            ExperimentPlanned planned => state with
            {
                Plan = new Plan(planned.Hypothesis, planned.TargetGroup, planned.SuccessCriteria, planned.GoalsServed, planned.ParticipationHours),
                Measurements = planned.SuccessCriteria.Select(c =>
                    state.Measurements.FirstOrDefault(m => m.Metric == c.Metric) is { } kept
                        ? kept with { Baseline = c.Baseline, Target = c.Target, Unit = c.Unit }
                        : new CriterionProgress(c.Metric, c.Baseline, c.Target, c.Unit, null, null)).ToList(),
            },
            StakeholderJoined joined => state with { Stakeholders = [.. state.Stakeholders, new Stakeholder(joined.Organisation, joined.Kind, joined.Roles)] },
            PilotLaunched pilot => state with { Pilot = new Pilot(pilot.Sites, pilot.Start, pilot.PlannedEnd, pilot.Channels, null) },
            ParticipationRecorded recorded => state with { Participation = state.Participation.Add(recorded) },
            CoDevelopmentSessionHeld held => state with
            {
                Sessions = [.. state.Sessions, new Session(held.Kind, held.Date, held.Theme, held.AttendeesByKind, held.Insights)],
            },
            MeasurementRecorded measured => state with
            {
                Measurements = state.Measurements.Select(m => m.Metric == measured.Metric && (m.LatestAt is null || measured.At >= m.LatestAt)
                    ? m with { Latest = measured.Value, LatestAt = measured.At }
                    : m).ToList(),
            },
            FeedbackReceived feedback => state with { Feedback = new FeedbackSummary(state.Feedback.Count + 1, state.Feedback.ScoreSum + feedback.Score) },
            SuccessFactorsAssessed assessed => state with { SuccessFactors = assessed },
            PilotEnded ended => state with { Pilot = state.Pilot is null ? null : state.Pilot with { Ended = ended.Ended } },
            EvaluationCompleted evaluation => state with
            {
                Evaluation = new Evaluation(evaluation.Criteria, evaluation.Verdict, evaluation.Lessons, timestamp),
            },
            ExperimentPutOnHoldV2 hold => state with { OnHold = new Hold(hold.Reason, state.Stage, timestamp, hold.ReviewOn) },
            ExperimentResumed => state with { OnHold = null },
            ExperimentAdopted adopted => state with
            {
                Adoption = new Adoption(adopted.Scope, adopted.Processes, adopted.OperatingModel, timestamp),
            },
            AdoptionScopeWidened widened => state with { Adoption = state.Adoption! with { Scope = widened.To } },
            ExperimentDiscontinued discontinued => state with
            {
                Discontinuation = new Discontinuation(discontinued.Reason, discontinued.Lessons, timestamp),
            },
            StageGateDecided gate => MoveTo(state, gate.To, timestamp),
            ExperimentAdaptedFrom adapted => state with { AdaptedFrom = new Lineage(adapted.OriginId, adapted.OriginCounty, adapted.OperatingModelTitle) },
            OperatingModelPublished published => state with { Publication = new Publication(timestamp, published.IncludeLessons) },
            OperatingModelWithdrawn => state with { Publication = null },
            _ => state,
        };
    }

    private static Experiment Start(Guid id, long version, DateTimeOffset timestamp, ExperimentProposed p) => new(
        id, version, p.Title, p.Problem, p.County, p.ProjectId, p.Workstream, p.Themes, p.ProposedByRole,
        Stage.Idea, timestamp, timestamp, timestamp,
        Plan: null, Stakeholders: [], Pilot: null, Participation: ParticipationTotals.None, Sessions: [], Measurements: [],
        Feedback: FeedbackSummary.None, SuccessFactors: null, Evaluation: null, Adoption: null, Discontinuation: null, OnHold: null,
        StageHistory: [new StageVisit(Stage.Idea, timestamp, null)]);

    private static Experiment MoveTo(Experiment state, Stage to, DateTimeOffset at) => state with
    {
        Stage = to,
        StageEnteredAt = at,
        StageHistory = [.. state.StageHistory.Select(v => v.Left is null ? v with { Left = at } : v), new StageVisit(to, at, null)],
    };
}
