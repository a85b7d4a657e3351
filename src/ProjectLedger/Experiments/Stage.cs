namespace ProjectLedger.Experiments;

/// <summary>Idea → Planned → Piloting → Evaluating → Adopted; Discontinued from any non-final stage; OnHold and back.</summary>
public enum Stage
{
    Idea,
    Planned,
    Piloting,
    Evaluating,
    Adopted,
    Discontinued,
    OnHold,
}

/// <summary>Which commands each stage allows: the one table the decisions and the 409 answers share.</summary>
public static class StageRules
{
    public const string Plan = "plan";
    public const string Stakeholders = "stakeholders";
    public const string Pilot = "pilot";
    public const string Participation = "participation";
    public const string Sessions = "sessions";
    public const string Measurements = "measurements";
    public const string Feedback = "feedback";
    public const string SuccessFactors = "success-factors";
    public const string EndPilot = "pilot/end";
    public const string Evaluation = "evaluation";
    public const string Hold = "hold";
    public const string Resume = "resume";
    public const string Adopt = "adopt";
    public const string AdoptionScope = "adoption-scope";
    public const string Discontinue = "discontinue";

    private static readonly IReadOnlyDictionary<Stage, IReadOnlyList<string>> Allowed = new Dictionary<Stage, IReadOnlyList<string>>
    {
        [Stage.Idea] = [Plan, Stakeholders, Participation, Sessions, Hold, Discontinue],
        [Stage.Planned] = [Plan, Stakeholders, Pilot, Participation, Sessions, SuccessFactors, Hold, Discontinue],
        [Stage.Piloting] = [Stakeholders, Participation, Sessions, Measurements, Feedback, SuccessFactors, EndPilot, Hold, Discontinue],
        [Stage.Evaluating] = [Stakeholders, Participation, Sessions, Measurements, Feedback, SuccessFactors, Evaluation, Adopt, Hold, Discontinue],
        [Stage.OnHold] = [Resume, Discontinue],
        [Stage.Adopted] = [AdoptionScope],
        [Stage.Discontinued] = [],
    };

    public static IReadOnlyList<string> AllowedIn(Stage stage) => Allowed[stage];

    public static bool IsFinal(Stage stage) => stage is Stage.Adopted or Stage.Discontinued;

    /// <summary>Null when the command fits the stage; otherwise the 409 rejection naming what would fit.</summary>
    public static Streams.WrongStage? Check(Stage stage, string command) =>
        Allowed[stage].Contains(command) ? null : new Streams.WrongStage(command, stage.ToString(), Allowed[stage]);
}
