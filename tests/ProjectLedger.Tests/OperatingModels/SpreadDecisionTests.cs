using JasperFx.Events;
using ProjectLedger.Experiments;
using ProjectLedger.OperatingModels;
using ProjectLedger.Security;
using ProjectLedger.Streams;
using Shouldly;

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

    private static Experiment Given(params object[] events)
    {
        var projection = new ExperimentProjection();
        var id = Guid.NewGuid();
        Experiment? state = null;
        var at = new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < events.Length; i++)
        {
            var e = (IEvent)Activator.CreateInstance(typeof(Event<>).MakeGenericType(events[i].GetType()), events[i])!;
            e.StreamId = id;
            e.Version = i + 1;
            e.Timestamp = at.AddDays(i);
            state = projection.Evolve(state, id, e);
        }
        return state.ShouldNotBeNull();
    }

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

        var decision = AdaptOperatingModel.Decide(origin.Id, origin, Adaptation, null, TampereOffice);

        decision.Rejection.ShouldBeNull();
        decision.Events.Count.ShouldBe(2);
        decision.Events[0].ShouldBeOfType<ExperimentProposed>().County.ShouldBe("pirkanmaa");
        decision.Events[1].ShouldBe(new ExperimentAdaptedFrom(origin.Id, "etela-savo", "Sociala-palveluintegraattorimalli"));
    }

    [Fact]
    public void an_unpublished_model_of_another_county_is_answered_as_missing()
    {
        var origin = Adopted();
        AdaptOperatingModel.Decide(origin.Id, origin, Adaptation, null, TampereOffice).Rejection.ShouldBeOfType<NotFound>();
        AdaptOperatingModel.Decide(origin.Id, null, Adaptation, null, TampereOffice).Rejection.ShouldBeOfType<NotFound>();
    }

    [Fact]
    public void the_own_county_can_adapt_its_adopted_model_unpublished_but_not_one_still_in_pilot()
    {
        var own = Adaptation with { County = "etela-savo" };
        AdaptOperatingModel.Decide(Guid.NewGuid(), Adopted(), own, null, EssoteOffice).Rejection.ShouldBeNull();
        AdaptOperatingModel.Decide(Guid.NewGuid(), Given(Proposed), own, null, EssoteOffice).Rejection.ShouldBeOfType<RuleBroken>();
    }

    [Fact]
    public void an_adaptation_is_validated_like_any_proposal()
    {
        var origin = Adopted(new OperatingModelPublished(false, "Valmis", Roles.ProjectOffice));
        AdaptOperatingModel.Decide(origin.Id, origin, Adaptation with { Title = " " }, null, TampereOffice)
            .Rejection.ShouldBeOfType<Invalid>().Errors.Keys.ShouldContain("title");
    }

    [Fact]
    public void publishing_needs_an_adopted_model_and_a_rationale_and_records_the_role()
    {
        new PublishOperatingModel(true, "Muut alueet voivat hyödyntää").Decide(Adopted(), Admin)
            .Events.Single().ShouldBe(new OperatingModelPublished(true, "Muut alueet voivat hyödyntää", Roles.Admin));
        new PublishOperatingModel(null, "Valmis").Decide(Adopted(), EssoteOffice)
            .Events.Single().ShouldBeOfType<OperatingModelPublished>().IncludeLessons.ShouldBeFalse();
        new PublishOperatingModel(true, "Valmis").Decide(Given(Proposed), EssoteOffice).Rejection.ShouldBeOfType<RuleBroken>();
        new PublishOperatingModel(true, null).Decide(Adopted(), EssoteOffice).Rejection.ShouldBeOfType<Invalid>();
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
        PublicParticipation.Suppress(count).ShouldBe(shown);

    [Fact]
    public void a_breakdown_never_hides_a_single_cell_the_total_would_reveal()
    {
        var shown = PublicParticipation.Breakdown(new Dictionary<string, int> { ["client"] = 40, ["experienceExpert"] = 3, ["professional"] = 9, ["ngo"] = 0 });
        shown["experienceExpert"].ShouldBeNull();
        shown["professional"].ShouldBeNull("the next smallest cell is hidden too, or 52 − 40 − 9 gives the 3 away");
        shown["client"].ShouldBe(40);
        shown["ngo"].ShouldBe(0);
    }
}
