using ProjectLedger.Experiments;
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
        typeof(ExperimentPutOnHold), typeof(ExperimentResumed), typeof(ExperimentAdopted), typeof(AdoptionScopeWidened),
        typeof(ExperimentDiscontinued),
    };

    public static readonly IReadOnlyList<Type> All = [.. Project, .. Experiment];
}
