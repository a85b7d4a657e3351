using ProjectLedger.Experiments;
using ProjectLedger.OperatingModels;
using ProjectLedger.Security;
using ProjectLedger.Streams;
using Shouldly;
using static ProjectLedger.Tests.Experiments.ExperimentSpec;

namespace ProjectLedger.Tests.OperatingModels;

/// <summary>The pure decisions of lineage and publishing, given events folded by the projection itself.</summary>
public sealed class SpreadDecisionTests
{
    private static readonly LedgerUser TampereOffice = new("kotitori.kehittaja", Roles.ProjectOffice, "pirkanmaa");
    private static readonly LedgerUser EssoteOffice = new("essote.hankepaallikko", Roles.ProjectOffice, "etela-savo");
    private static readonly LedgerUser Admin = new("paakayttaja", Roles.Admin, "*");

    private static readonly ExperimentProposed Proposed = new(
        "Sociala-palvelualusta", "Asiakasohjaus ja palvelutilaukset hajallaan järjestöjen ja yritysten kesken.",
        "etela-savo", null, null, ["palveluohjaus"], "kehittämispäällikkö");

    private static Experiment Adopted(params object[] more) => Given([
        Proposed,
        new ExperimentPlanned("Yhteinen alusta lyhentää palveluun pääsyä", "Ikääntyneet", [new SuccessCriterion("Palvelutilaukset alustalla", 0, 500, "kpl")], [], 60),
        new StageGateDecided(Stage.Idea, Stage.Planned, "plan", "ok", Roles.ProjectOffice),
        new PilotLaunched(["Essote"], new DateOnly(2026, 3, 2), new DateOnly(2026, 6, 30), ["verkkoalusta"]),
        new StageGateDecided(Stage.Planned, Stage.Piloting, "pilot", "ok", Roles.ProjectOffice),
        new PilotEnded(new DateOnly(2026, 6, 30)),
        new StageGateDecided(Stage.Piloting, Stage.Evaluating, "pilot/end", "ok", Roles.ProjectOffice),
        new EvaluationCompleted([new CriterionJudgement("Palvelutilaukset alustalla", true, "612 tilausta")], "adopt", "Järjestöt mukaan alusta alkaen."),
        new ExperimentAdopted("MultiCounty", ["Palveluohjaus"], new OperatingModel("Sociala-palveluintegraattorimalli", null), "Tavoitteet saavutettiin"),
        new StageGateDecided(Stage.Evaluating, Stage.Adopted, "adopt", "Tavoitteet saavutettiin", Roles.ProjectOffice),
        .. more]);

    private static readonly ProposeExperiment Adaptation = new(
        "Kotitori-palveluintegraattori", "Palveluohjaus hajallaan Tampereella.", "pirkanmaa", null, null, ["palveluohjaus"], "palveluesihenkilö");

    [Fact]
    public void adapting_a_published_model_of_another_county_appends_the_proposal_and_its_origin()
    {
        var origin = Adopted(new OperatingModelPublished(false, "Valmis jaettavaksi", Roles.ProjectOffice));

        var decision = new AdaptOperatingModel(origin.Id, Adaptation).Decide(new AdaptationContext(origin, null), TampereOffice);

        decision.Rejection.ShouldBeNull();
        decision.Events.Count.ShouldBe(2);
        decision.Events[0].ShouldBeOfType<ExperimentProposed>().County.ShouldBe("pirkanmaa");
        decision.Events[1].ShouldBe(new ExperimentAdaptedFrom(origin.Id, "etela-savo", "Sociala-palveluintegraattorimalli"));
    }

    [Fact]
    public void an_unpublished_model_of_another_county_is_answered_as_missing()
    {
        var origin = Adopted();
        new AdaptOperatingModel(origin.Id, Adaptation).Decide(new AdaptationContext(origin, null), TampereOffice).Rejection.ShouldBeOfType<NotFound>();
        new AdaptOperatingModel(origin.Id, Adaptation).Decide(new AdaptationContext(null, null), TampereOffice).Rejection.ShouldBeOfType<NotFound>();
    }

    [Fact]
    public void the_own_county_can_adapt_its_adopted_model_unpublished_but_not_one_still_in_pilot()
    {
        var own = Adaptation with { County = "etela-savo" };
        new AdaptOperatingModel(Guid.NewGuid(), own).Decide(new AdaptationContext(Adopted(), null), EssoteOffice).Rejection.ShouldBeNull();
        new AdaptOperatingModel(Guid.NewGuid(), own).Decide(new AdaptationContext(Given(Proposed), null), EssoteOffice).Rejection.ShouldBeOfType<RuleBroken>();
    }

    [Fact]
    public void an_adaptation_is_validated_like_any_proposal()
    {
        var origin = Adopted(new OperatingModelPublished(false, "Valmis", Roles.ProjectOffice));
        new AdaptOperatingModel(origin.Id, Adaptation with { Title = " " }).Validate()
            .ShouldBeOfType<Invalid>().Errors.Keys.ShouldContain("title");
    }

    [Fact]
    public void publishing_needs_an_adopted_model_and_a_rationale_and_records_the_role()
    {
        new PublishOperatingModel(true, "Muut alueet voivat hyödyntää").Decide(Adopted(), Admin)
            .Events.Single().ShouldBe(new OperatingModelPublished(true, "Muut alueet voivat hyödyntää", Roles.Admin));
        new PublishOperatingModel(null, "Valmis").Decide(Adopted(), EssoteOffice)
            .Events.Single().ShouldBeOfType<OperatingModelPublished>().IncludeLessons.ShouldBeFalse();
        new PublishOperatingModel(true, "Valmis").Decide(Given(Proposed), EssoteOffice).Rejection.ShouldBeOfType<RuleBroken>();
        new PublishOperatingModel(true, " ").Validate().ShouldBeOfType<Invalid>().Errors.Keys.ShouldBe(["rationale"]);
        new PublishOperatingModel(true, "Uudestaan").Decide(Adopted(new OperatingModelPublished(false, "Valmis", Roles.ProjectOffice)), EssoteOffice)
            .Rejection.ShouldBeOfType<RuleBroken>();
    }

    [Fact]
    public void withdrawing_needs_a_published_model_and_then_it_can_be_published_again()
    {
        new WithdrawOperatingModel("Päivitetään").Decide(Adopted(), EssoteOffice).Rejection.ShouldBeOfType<RuleBroken>();

        var published = Adopted(new OperatingModelPublished(false, "Valmis", Roles.ProjectOffice));
        published.Publication.ShouldNotBeNull();
        new WithdrawOperatingModel("Päivitetään").Decide(published, EssoteOffice)
            .Events.Single().ShouldBe(new OperatingModelWithdrawn("Päivitetään", Roles.ProjectOffice));

        var withdrawn = Adopted(new OperatingModelPublished(false, "Valmis", Roles.ProjectOffice), new OperatingModelWithdrawn("Päivitetään", Roles.Admin));
        withdrawn.Publication.ShouldBeNull();
        new PublishOperatingModel(false, "Päivitetty").Decide(withdrawn, EssoteOffice).Rejection.ShouldBeNull();
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, null)]
    [InlineData(4, null)]
    [InlineData(5, 5)]
    [InlineData(104, 104)]
    public void counts_from_one_to_four_are_suppressed(int count, int? shown) =>
        PublicParticipation.Suppress(count).Value.ShouldBe(shown);

    [Fact]
    public void a_breakdown_never_hides_a_single_cell_the_total_would_reveal()
    {
        var (shown, protecting) = PublicParticipation.Breakdown(new Dictionary<string, int> { ["client"] = 40, ["experienceExpert"] = 3, ["professional"] = 9, ["ngo"] = 0 });
        protecting.ShouldBe(["professional"]);
        shown["experienceExpert"].ToString().ShouldBe("< 5");
        shown.ContainsKey("professional").ShouldBeFalse("the next smallest cell is left out too, or 52 − 40 − 9 gives the 3 away");
        shown["client"].Value.ShouldBe(40);
        shown["ngo"].Value.ShouldBe(0);
        PublicParticipation.Breakdown(new Dictionary<string, int> { ["client"] = 40, ["ngo"] = 3, ["research"] = 2 }).Protecting.ShouldBeEmpty("two small cells protect each other");
    }

    [Fact]
    public void a_breakdown_whose_only_people_are_a_small_cell_has_nothing_else_to_hide()
    {
        // Three clients and nobody else: the total is "< 5" too, so no other cell can give them away
        // (this threw "Sequence contains no elements" and the public catalogue answered 500).
        var (shown, protecting) = PublicParticipation.Breakdown(new Dictionary<string, int> { ["client"] = 3, ["ngo"] = 0 });
        protecting.ShouldBeEmpty();
        shown["client"].ToString().ShouldBe("< 5");
        shown["ngo"].Value.ShouldBe(0);
    }
}
