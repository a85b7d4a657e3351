using ProjectLedger.Experiments;
using ProjectLedger.Security;
using ProjectLedger.Streams;
using Shouldly;
using static ProjectLedger.Tests.Experiments.ExperimentSpec;

namespace ProjectLedger.Tests.Experiments;

/// <summary>
/// The 409 matrix, pure: every command in every stage, given the events that bring an experiment
/// there. A command the stage does not allow is WrongStage naming the stage and exactly what it
/// allows; one it allows is never WrongStage. (ExperimentStageTests keeps one HTTP test of the mapping.)
/// </summary>
public sealed class StageMatrixTests
{
    private static readonly LedgerUser Office = new("maija.virtanen", Roles.ProjectOffice, "vantaa-kerava");
    private const string Criterion = "Osallistuneet asukkaat";

    private static readonly object[] Idea = [new ExperimentProposed("Chat-neuvonta", "Jonot", "vantaa-kerava", null, null, ["chat"], "kehittäjä")];
    private static readonly object[] Planned = [.. Idea,
        new ExperimentPlanned("Chat vähentää jonoja", "Asiakkaat", [new SuccessCriterion(Criterion, 0, 100, "henkilöä")], [], 40),
        new StageGateDecided(Stage.Idea, Stage.Planned, StageRules.Plan, "ok", Roles.ProjectOffice)];
    private static readonly object[] Piloting = [.. Planned,
        new PilotLaunched(["Tikkurila"], new DateOnly(2026, 3, 2), new DateOnly(2026, 5, 31), ["chat"]),
        new StageGateDecided(Stage.Planned, Stage.Piloting, StageRules.Pilot, "ok", Roles.ProjectOffice)];
    private static readonly object[] Evaluating = [.. Piloting,
        new PilotEnded(new DateOnly(2026, 5, 31)),
        new StageGateDecided(Stage.Piloting, Stage.Evaluating, StageRules.EndPilot, "ok", Roles.ProjectOffice)];
    private static readonly object[] Adopted = [.. Evaluating,
        new EvaluationCompleted([new CriterionJudgement(Criterion, true, null)], "adopt", "Toimii"),
        new ExperimentAdopted("Unit", ["Neuvonta"], new OperatingModel("Chat-malli", null), "Tavoite saavutettiin"),
        new StageGateDecided(Stage.Evaluating, Stage.Adopted, StageRules.Adopt, "ok", Roles.ProjectOffice)];
    private static readonly object[] Discontinued = [.. Idea,
        new ExperimentDiscontinued("Ei resursseja", "Aloita pienemmin"),
        new StageGateDecided(Stage.Idea, Stage.Discontinued, StageRules.Discontinue, "Ei resursseja", Roles.ProjectOffice)];
    private static readonly object[] OnHold = [.. Piloting,
        new ExperimentPutOnHoldV2("Henkilöstö lomalla", null),
        new StageGateDecided(Stage.Piloting, Stage.OnHold, StageRules.Hold, "Henkilöstö lomalla", Roles.ProjectOffice)];

    public static TheoryData<Stage> Stages => [.. Enum.GetValues<Stage>()];

    private static object[] EventsTo(Stage stage) => stage switch
    {
        Stage.Idea => Idea,
        Stage.Planned => Planned,
        Stage.Piloting => Piloting,
        Stage.Evaluating => Evaluating,
        Stage.Adopted => Adopted,
        Stage.Discontinued => Discontinued,
        _ => OnHold,
    };

    /// <summary>One valid command for each name of the stage table.</summary>
    private static readonly IReadOnlyDictionary<string, IStreamCommand<Experiment>> Commands = new Dictionary<string, IStreamCommand<Experiment>>
    {
        [StageRules.Plan] = new PlanExperiment("Chat vähentää jonoja", "Asiakkaat", [new SuccessCriterionInput(Criterion, 0, 120, "henkilöä")], [], 40),
        [StageRules.Stakeholders] = new JoinStakeholder("Asukasyhdistys", "ngo", ["designedFor"]),
        [StageRules.Pilot] = new LaunchPilot(["Tikkurila"], new DateOnly(2026, 3, 2), new DateOnly(2026, 5, 31), []),
        [StageRules.Participation] = new RecordParticipation(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 8), "development", "digital",
            new Dictionary<string, int> { ["client"] = 3 }, new Dictionary<string, int> { ["65plus"] = 3 }),
        [StageRules.Sessions] = new HoldCoDevelopmentSession("workshop", new DateOnly(2026, 3, 4), "Palvelupolku", new Dictionary<string, int> { ["client"] = 5 }, []),
        [StageRules.Measurements] = new RecordMeasurement(Criterion, 50, new DateOnly(2026, 4, 1)),
        [StageRules.Feedback] = new ReceiveFeedback("chat", 4, []),
        [StageRules.SuccessFactors] = new AssessSuccessFactors(new IndividualFactorsInput(4, 4), new OrganisationFactorsInput(3, 4, 3, 2, 3)),
        [StageRules.EndPilot] = new EndPilot(new DateOnly(2026, 5, 31)),
        [StageRules.Evaluation] = new CompleteEvaluation([new CriterionJudgementInput(Criterion, true, null)], "adopt", "Toimii"),
        [StageRules.Hold] = new PutOnHold("Tauko"),
        [StageRules.Resume] = new ResumeExperiment(),
        [StageRules.Adopt] = new AdoptExperiment("Unit", ["Neuvonta"], new OperatingModelInput("Chat-malli", null), "Tavoite saavutettiin"),
        [StageRules.AdoptionScope] = new WidenAdoptionScope("County", "Laajennetaan"),
        [StageRules.Discontinue] = new DiscontinueExperiment("Ei resursseja", "Aloita pienemmin"),
    };

    [Fact]
    public void every_command_of_the_stage_table_is_covered()
    {
        var named = Enum.GetValues<Stage>().SelectMany(StageRules.AllowedIn).Distinct();
        Commands.Keys.ShouldBe(named, ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(Stages))]
    public void a_stage_refuses_what_it_does_not_allow_naming_what_it_allows(Stage stage)
    {
        var state = Given(EventsTo(stage));
        state.Stage.ShouldBe(stage);
        foreach (var (name, command) in Commands)
        {
            var decision = state.When(command, Office);
            if (StageRules.AllowedIn(stage).Contains(name))
            {
                decision.Rejection.ShouldNotBeOfType<WrongStage>($"{name} is allowed in {stage}");
                continue;
            }
            var wrong = decision.ThenRejected<WrongStage>();
            wrong.Command.ShouldBe(name);
            wrong.CurrentStage.ShouldBe(stage.ToString());
            wrong.AllowedCommands.ShouldBe(StageRules.AllowedIn(stage));
        }
    }

    [Fact]
    public void nothing_changes_a_discontinued_experiment()
    {
        StageRules.AllowedIn(Stage.Discontinued).ShouldBeEmpty();
        var state = Given(Discontinued);
        foreach (var command in Commands.Values) state.When(command, Office).ThenRejected<WrongStage>();
    }

    [Fact]
    public void on_hold_only_resume_and_discontinue_are_allowed_and_resume_returns_to_the_stage_it_left()
    {
        StageRules.AllowedIn(Stage.OnHold).ShouldBe([StageRules.Resume, StageRules.Discontinue]);
        Given(OnHold).When(new ResumeExperiment(Reason: "Jatketaan"), Office).Then(
            new ExperimentResumed(Stage.Piloting),
            new StageGateDecided(Stage.OnHold, Stage.Piloting, StageRules.Resume, "Jatketaan", Roles.ProjectOffice));
    }

    [Fact]
    public void measurements_wait_for_the_pilot()
    {
        var wrong = Given(Planned).When(Commands[StageRules.Measurements], Office).ThenRejected<WrongStage>();
        wrong.AllowedCommands.ShouldContain(StageRules.Pilot);
    }
}
