namespace ProjectLedger.Experiments;

// The facts of an experiment's stream. Immutable data only; kinds are the contract's camelCase words
// (Vocabulary.cs). Never reshape one that is stored: add a V2 with an upcaster and a .v2 schema.

public sealed record ExperimentProposed(
    string Title, string Problem, string County, Guid? ProjectId, string? Workstream,
    IReadOnlyList<string> Themes, string ProposedByRole);

public sealed record SuccessCriterion(string Metric, decimal Baseline, decimal Target, string Unit);

public sealed record ExperimentPlanned(
    string Hypothesis, string TargetGroup, IReadOnlyList<SuccessCriterion> SuccessCriteria,
    IReadOnlyList<string> GoalsServed, decimal ParticipationHours);

public sealed record StakeholderJoined(string Organisation, string Kind, IReadOnlyList<string> Roles);

public sealed record PilotLaunched(IReadOnlyList<string> Sites, DateOnly Start, DateOnly PlannedEnd, IReadOnlyList<string> Channels);

public sealed record ParticipationRecorded(
    DateOnly PeriodStart, DateOnly PeriodEnd, string Way, string Channel,
    IReadOnlyDictionary<string, int> ByKind, IReadOnlyDictionary<string, int> ByAgeBand);

public sealed record CoDevelopmentSessionHeld(
    string Kind, DateOnly Date, string Theme, IReadOnlyDictionary<string, int> AttendeesByKind, IReadOnlyList<string> Insights);

public sealed record MeasurementRecorded(string Metric, decimal Value, DateOnly At);

public sealed record FeedbackReceived(string Channel, int Score, IReadOnlyList<string> Themes);

public sealed record IndividualFactors(int Competence, int Commitment);

public sealed record OrganisationFactors(int Leadership, int TrustAndCollaboration, int FlexibleWork, int ProcessEmbedding, int Resourcing);

public sealed record SuccessFactorsAssessed(IndividualFactors Individual, OrganisationFactors Organisation);

public sealed record PilotEnded(DateOnly Ended);

public sealed record CriterionJudgement(string Metric, bool Met, string? Note);

public sealed record EvaluationCompleted(IReadOnlyList<CriterionJudgement> Criteria, string Verdict, string Lessons);

public sealed record StageGateDecided(Stage From, Stage To, string Decision, string Rationale, string DeciderRole);

/// <summary>v1 as stored before holds had a review date. Read through the upcaster as ExperimentPutOnHoldV2.</summary>
public sealed record ExperimentPutOnHold(string Reason);

/// <summary>v2: the experiment was paused, with the date to look at it again (if one was agreed).</summary>
public sealed record ExperimentPutOnHoldV2(string Reason, DateOnly? ReviewOn);

public sealed record ExperimentResumed(Stage To);

public sealed record OperatingModel(string Title, string? Link);

public sealed record ExperimentAdopted(string Scope, IReadOnlyList<string> Processes, OperatingModel OperatingModel, string Rationale);

public sealed record AdoptionScopeWidened(string From, string To, string Rationale);

public sealed record ExperimentDiscontinued(string Reason, string Lessons);
