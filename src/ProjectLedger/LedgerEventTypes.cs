using ProjectLedger.Experiments;
using ProjectLedger.OperatingModels;
using ProjectLedger.Projects;

namespace ProjectLedger;

/// <summary>
/// Every stored event type, registered with Marten up front; eventschema/ holds one schema for each
/// (checked by the contract test).
/// </summary>
public static class LedgerEventTypes
{
    public static readonly IReadOnlyList<Type> Project =
    [
        typeof(ProjectRegistered), typeof(ProjectGoalAdded), typeof(ProjectClosed),
    ];

    public static readonly IReadOnlySet<Type> Experiment = new HashSet<Type>
    {
        typeof(ExperimentProposed), typeof(ExperimentPlanned), typeof(StakeholderJoined), typeof(PilotLaunched),
        typeof(ParticipationRecorded), typeof(CoDevelopmentSessionHeld), typeof(MeasurementRecorded), typeof(FeedbackReceived),
        typeof(SuccessFactorsAssessed), typeof(PilotEnded), typeof(EvaluationCompleted), typeof(StageGateDecided),
        typeof(ExperimentPutOnHoldV2), typeof(ExperimentResumed), typeof(ExperimentAdopted), typeof(AdoptionScopeWidened),
        typeof(ExperimentDiscontinued),
        typeof(ExperimentAdaptedFrom), typeof(OperatingModelPublished), typeof(OperatingModelWithdrawn),
    };

    /// <summary>Shapes no longer appended; stored ones are read through an upcaster (ExperimentsSetup).</summary>
    public static readonly IReadOnlyList<Type> Superseded = [typeof(ExperimentPutOnHold)];

    /// <summary>What Marten appends and reads today.</summary>
    public static readonly IReadOnlyList<Type> Current = [.. Project, .. Experiment];

    /// <summary>Every shape ever stored: each has a schema in eventschema/.</summary>
    public static readonly IReadOnlyList<Type> All = [.. Current, .. Superseded];
}
