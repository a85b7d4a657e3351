using ProjectLedger.Experiments;
using ProjectLedger.Projects;
using ProjectLedger.Security;
using ProjectLedger.Streams;
using Shouldly;
using static ProjectLedger.Tests.Experiments.ExperimentSpec;

namespace ProjectLedger.Tests.Experiments;

/// <summary>The pure decisions, on states folded from events with the projection itself: no host, no database.</summary>
public sealed class ExperimentDecisionTests
{
    private static readonly LedgerUser Office = new("maija.virtanen", Roles.ProjectOffice, "vantaa-kerava");

    private static readonly ExperimentProposed Proposed = new(
        "Digitaalinen osallistumisalusta", "Asukkaiden ääni ei kuulu Myllypuron terveys- ja hyvinvointikeskuksen suunnittelussa.",
        "helsinki", null, null, ["osallisuus"], "kehittämispäällikkö");

    private static readonly ExperimentPlanned Planned = new(
        "Verkkoalusta tavoittaa asukkaat kaikista ikäryhmistä", "Myllypuron asukkaat",
        [new SuccessCriterion("Osallistuneet asukkaat", 0, 100, "henkilöä"), new SuccessCriterion("Alle 30-vuotiaiden osuus", 0, 20, "%")],
        ["Asiakkaat osallistuvat palveluiden kehittämiseen"], 80);

    private static Experiment InPiloting() => Given(Proposed, Planned, new StageGateDecided(Stage.Idea, Stage.Planned, "plan", "ok", Roles.ProjectOffice),
        new PilotLaunched(["Myllypuron terveys- ja hyvinvointikeskus"], new DateOnly(2026, 3, 2), new DateOnly(2026, 5, 31), ["verkkoalusta"]),
        new StageGateDecided(Stage.Planned, Stage.Piloting, "pilot", "ok", Roles.ProjectOffice));

    [Fact]
    public void planning_an_idea_appends_the_plan_and_the_stage_gate_with_the_users_role()
    {
        var decision = new PlanExperiment(Planned.Hypothesis, Planned.TargetGroup,
            [new SuccessCriterionInput(" Osallistuneet asukkaat ", 0, 100, "henkilöä")], [], 80, Reason: "Johtoryhmä hyväksyi").Decide(Given(Proposed), Office);

        decision.Rejection.ShouldBeNull();
        decision.Events.Count.ShouldBe(2);
        decision.Events[0].ShouldBeOfType<ExperimentPlanned>().SuccessCriteria.Single().Metric.ShouldBe("Osallistuneet asukkaat");
        decision.Events[1].ShouldBe(new StageGateDecided(Stage.Idea, Stage.Planned, "plan", "Johtoryhmä hyväksyi", Roles.ProjectOffice));
    }

    private static readonly Project Myllypuro = new(Guid.CreateVersion7(), 1, "Myllypuron terveys- ja hyvinvointikeskus", "helsinki",
        "Tulevaisuuden sosiaali- ja terveyskeskus", [new Workstream("Osallisuus", [])], DateTimeOffset.UnixEpoch, null, null);

    private static ProposeExperiment ProposalIn(Project project, string? workstream) =>
        new(Proposed.Title, Proposed.Problem, "helsinki", project.Id, workstream, Proposed.Themes, Proposed.ProposedByRole);

    [Theory]
    [InlineData(false, "Osallisuus", null)]
    [InlineData(true, "Osallisuus", "projectId")]
    [InlineData(false, "Ei tällaista", "workstream")]
    public void a_proposal_joins_only_an_open_project_and_one_of_its_workstreams(bool closed, string workstream, string? refusedField)
    {
        var project = closed ? Myllypuro with { ClosedAt = DateTimeOffset.UnixEpoch.AddDays(1) } : Myllypuro;
        var decision = ProposalIn(project, workstream).Decide(project, Office);
        if (refusedField is null) decision.Events.Single().ShouldBeOfType<ExperimentProposed>().Workstream.ShouldBe("Osallisuus");
        else decision.Rejection.ShouldBeOfType<Invalid>().Errors.Keys.ShouldBe([refusedField]);
    }

    [Fact]
    public void a_proposal_naming_a_missing_or_foreign_project_is_refused_on_the_project()
    {
        ProposalIn(Myllypuro, null).Decide(null, Office).Rejection.ShouldBeOfType<Invalid>().Errors["projectId"].Single().ShouldStartWith("There is no project");
        ProposalIn(Myllypuro, null).Decide(Myllypuro with { County = "pirkanmaa" }, Office)
            .Rejection.ShouldBeOfType<Invalid>().Errors["projectId"].Single().ShouldBe("That project is not in helsinki.");
    }

    [Fact]
    public void a_plan_without_success_criteria_is_invalid()
    {
        new PlanExperiment("Hypoteesi", "Asukkaat", [], [], 10).Validate()
            .ShouldBeOfType<Invalid>().Errors.Keys.ShouldContain("successCriteria");
    }

    [Fact]
    public void replanning_in_planned_appends_no_stage_gate()
    {
        var state = Given(Proposed, Planned, new StageGateDecided(Stage.Idea, Stage.Planned, "plan", "ok", Roles.ProjectOffice));
        state.Stage.ShouldBe(Stage.Planned);
        var decision = new PlanExperiment("Uusi", "Asukkaat", [new SuccessCriterionInput("Osallistuneet asukkaat", 0, 120, "henkilöä")], [], 10).Decide(state, Office);
        decision.Events.Single().ShouldBeOfType<ExperimentPlanned>();
    }

    [Fact]
    public void a_pilot_in_stage_idea_is_the_wrong_stage()
    {
        var decision = new LaunchPilot(["Myllypuro"], new DateOnly(2026, 3, 2), new DateOnly(2026, 5, 31), []).Decide(Given(Proposed), Office);
        var wrong = decision.Rejection.ShouldBeOfType<WrongStage>();
        wrong.CurrentStage.ShouldBe("Idea");
        wrong.AllowedCommands.ShouldContain(StageRules.Plan);
    }

    [Fact]
    public void participation_counts_by_kind_and_by_age_band_must_agree()
    {
        new RecordParticipation(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 29), "planning", "digital",
            new Dictionary<string, int> { ["client"] = 104 }, new Dictionary<string, int> { ["65plus"] = 44, ["30to64"] = 50 }).Validate()
            .ShouldBeOfType<Invalid>().Errors.Keys.ShouldBe(["byAgeBand"]);
    }

    [Fact]
    public void participation_keeps_only_the_bands_someone_was_counted_in()
    {
        var decision = new RecordParticipation(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 29), "planning", "digital",
            new Dictionary<string, int> { ["client"] = 104 },
            new Dictionary<string, int> { ["under18"] = 0, ["18to29"] = 12, ["30to64"] = 48, ["65plus"] = 44 }).Decide(InPiloting(), Office);
        var recorded = decision.Events.Single().ShouldBeOfType<ParticipationRecorded>();
        recorded.ByAgeBand.Keys.ShouldBe(["18to29", "30to64", "65plus"], ignoreOrder: true);
    }

    [Fact]
    public void a_measurement_of_something_the_plan_does_not_measure_is_invalid()
    {
        var decision = new RecordMeasurement("Jonotusaika", 3, new DateOnly(2026, 4, 1)).Decide(InPiloting(), Office);
        decision.Rejection.ShouldBeOfType<Invalid>().Errors["metric"].Single().ShouldContain("Osallistuneet asukkaat");
    }

    [Fact]
    public void adoption_without_an_adopt_verdict_breaks_a_rule()
    {
        var evaluating = Given(Proposed, Planned, new StageGateDecided(Stage.Idea, Stage.Planned, "plan", "ok", "x"),
            new PilotLaunched(["Myllypuro"], new DateOnly(2026, 3, 2), new DateOnly(2026, 5, 31), []),
            new StageGateDecided(Stage.Planned, Stage.Piloting, "pilot", "ok", "x"),
            new PilotEnded(new DateOnly(2026, 5, 31)), new StageGateDecided(Stage.Piloting, Stage.Evaluating, "pilot/end", "ok", "x"),
            new EvaluationCompleted([new("Osallistuneet asukkaat", true, null), new("Alle 30-vuotiaiden osuus", false, "Nuoria ei tavoitettu")], "revise", "Nuoret on tavoitettava toisin."));

        // "revise" moves the stage back with its own gate; folded without it the state stays in Evaluating.
        evaluating.Stage.ShouldBe(Stage.Evaluating);
        var decision = new AdoptExperiment("Unit", ["Asukasosallisuus"], new OperatingModelInput("Osallistumisalusta", null), "Hyvä").Decide(evaluating, Office);
        decision.Rejection.ShouldBeOfType<RuleBroken>().Detail.ShouldContain("revise");
    }

    [Fact]
    public void resume_returns_to_the_stage_that_was_left()
    {
        var onHold = Given(Proposed, Planned, new StageGateDecided(Stage.Idea, Stage.Planned, "plan", "ok", "x"),
            new ExperimentPutOnHoldV2("Rahoitus odottaa päätöstä", null), new StageGateDecided(Stage.Planned, Stage.OnHold, "hold", "Rahoitus odottaa päätöstä", "x"));
        onHold.OnHold!.From.ShouldBe(Stage.Planned);

        var decision = new ResumeExperiment().Decide(onHold, Office);
        decision.Events.ShouldBe([new ExperimentResumed(Stage.Planned), new StageGateDecided(Stage.OnHold, Stage.Planned, "resume", "Jatketaan vaiheesta Planned", Roles.ProjectOffice)]);
    }

    [Fact]
    public void widening_to_a_narrower_scope_is_invalid()
    {
        var adopted = Given(Proposed, new ExperimentAdopted("County", ["Neuvonta"], new OperatingModel("Malli", null), "ok"),
            new StageGateDecided(Stage.Idea, Stage.Adopted, "adopt", "ok", "x"));
        new WidenAdoptionScope("Unit", "Kavennus").Decide(adopted, Office).Rejection.ShouldBeOfType<Invalid>().Errors.Keys.ShouldBe(["scope"]);
        new WidenAdoptionScope("MultiCounty", "Kolme aluetta").Decide(adopted, Office).Events.Single()
            .ShouldBe(new AdoptionScopeWidened("County", "MultiCounty", "Kolme aluetta"));
    }

    [Fact]
    public void the_fold_records_the_visit_to_every_stage()
    {
        var state = InPiloting();
        state.Version.ShouldBe(5);
        state.StageHistory.Select(v => v.Stage).ShouldBe([Stage.Idea, Stage.Planned, Stage.Piloting]);
        state.StageHistory.Take(2).ShouldAllBe(v => v.Left != null);
        state.Measurements.Select(m => m.Metric).ShouldBe(["Osallistuneet asukkaat", "Alle 30-vuotiaiden osuus"]);
    }
}
