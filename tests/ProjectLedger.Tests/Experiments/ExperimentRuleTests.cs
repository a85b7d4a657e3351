using ProjectLedger.Experiments;
using ProjectLedger.Tests.Infrastructure;
using Shouldly;

namespace ProjectLedger.Tests.Experiments;

/// <summary>The domain rules of an experiment, through HTTP: each rejection answers problem details and stores nothing.</summary>
[Collection(LedgerCollection.Name)]
public sealed class ExperimentRuleTests(LedgerApp app)
{
    private readonly Api _api = new(app);
    private readonly ExperimentScenarios _given = new(new Api(app));

    [Fact]
    public async Task a_plan_needs_at_least_one_success_criterion()
    {
        var id = await _given.ProposeAsync();
        var problem = await app.ShouldStoreNothing(id, () => _api.Post($"/api/experiments/{id}/plan", new
        {
            hypothesis = "Chat vähentää puhelinjonoja", targetGroup = "Sosiaalipalveluiden asiakkaat",
            successCriteria = Array.Empty<object>(), goalsServed = Array.Empty<string>(), participationHours = 40,
        }, 400));

        problem.ShouldHaveFieldError("successCriteria");
        problem.Messages("successCriteria").ShouldContain("A plan needs at least one success criterion.");
        (await _given.StageAsync(id)).ShouldBe("Idea");
    }

    [Fact]
    public async Task a_plan_names_each_criterion_once_and_each_needs_its_numbers()
    {
        var id = await _given.ProposeAsync();
        var problem = await app.ShouldStoreNothing(id, () => _api.Post($"/api/experiments/{id}/plan", new
        {
            hypothesis = "Chat vähentää puhelinjonoja", targetGroup = "Sosiaalipalveluiden asiakkaat",
            successCriteria = new object[]
            {
                new { metric = ExperimentScenarios.Criterion, baseline = 12, target = 30, unit = "%" },
                new { metric = ExperimentScenarios.Criterion, unit = "%" },
            },
            participationHours = 40,
        }, 400));

        problem.ShouldHaveFieldError("successCriteria");
        problem.ShouldHaveFieldError("successCriteria[1].baseline");
        problem.ShouldHaveFieldError("successCriteria[1].target");
    }

    [Fact]
    public async Task a_measurement_is_only_for_the_plans_criteria()
    {
        var id = await _given.PilotAsync();
        var problem = await app.ShouldStoreNothing(id, () =>
            _api.Post($"/api/experiments/{id}/measurements", new { metric = "Puhelinjonon keskipituus", value = 4, at = "2026-04-30" }, 400));

        problem.ShouldHaveFieldError("metric");
        problem.Messages("metric").Single().ShouldContain(ExperimentScenarios.Criterion);

        await _api.Post($"/api/experiments/{id}/measurements", new { metric = ExperimentScenarios.Criterion, value = 18.5, at = "2026-04-30" }, 200);
        var state = await _given.StateAsync(id);
        var progress = state["measurements"]!.AsArray().Single(m => m!["metric"]!.GetValue<string>() == ExperimentScenarios.Criterion)!;
        progress["latest"]!.GetValue<decimal>().ShouldBe(18.5m);
    }

    [Fact]
    public async Task participation_counts_are_never_negative()
    {
        var id = await _given.PilotAsync();
        var body = ExperimentBodies.Myllypuro();
        body["byKind"] = new Dictionary<string, int> { ["client"] = 110, ["professional"] = -6 };

        var problem = await app.ShouldStoreNothing(id, () => _api.Post($"/api/experiments/{id}/participation", body, 400));

        problem.ShouldHaveFieldError("byKind.professional");
        problem.Messages("byKind.professional").ShouldContain("Counts are never negative.");
    }

    [Fact]
    public async Task participation_totals_by_kind_and_by_age_band_add_up_to_the_same_number()
    {
        var id = await _given.PilotAsync();
        var body = ExperimentBodies.Myllypuro();
        body["byAgeBand"] = new Dictionary<string, int> { ["30to64"] = 60, ["65plus"] = 40 };

        var problem = await app.ShouldStoreNothing(id, () => _api.Post($"/api/experiments/{id}/participation", body, 400));

        problem.ShouldHaveFieldError("byAgeBand");
        problem.Messages("byAgeBand").Single().ShouldContain("104");
        problem.Messages("byAgeBand").Single().ShouldContain("100");
    }

    [Fact]
    public async Task participation_rejects_unknown_kinds_and_age_bands()
    {
        var id = await _given.PilotAsync();
        var body = ExperimentBodies.Myllypuro();
        body["byKind"] = new Dictionary<string, int> { ["client"] = 100, ["tourist"] = 4 };
        body["byAgeBand"] = new Dictionary<string, int> { ["30to64"] = 60, ["65plus"] = 40, ["over90"] = 4 };

        var problem = await app.ShouldStoreNothing(id, () => _api.Post($"/api/experiments/{id}/participation", body, 400));

        problem.ShouldHaveFieldError("byKind.tourist");
        problem.ShouldHaveFieldError("byAgeBand.over90");
    }

    [Fact]
    public async Task participation_needs_someone_who_took_part_a_known_way_and_channel()
    {
        var id = await _given.PilotAsync();
        var body = ExperimentBodies.Myllypuro();
        body["way"] = "brainstorming";
        body["channel"] = "carrierPigeon";
        body["periodEnd"] = "2026-02-01";

        var problem = await app.ShouldStoreNothing(id, () => _api.Post($"/api/experiments/{id}/participation", body, 400));

        problem.ShouldHaveFieldError("way");
        problem.ShouldHaveFieldError("channel");
        problem.ShouldHaveFieldError("periodEnd");

        var nobody = ExperimentBodies.Myllypuro();
        nobody["byKind"] = new Dictionary<string, int> { ["client"] = 0 };
        nobody["byAgeBand"] = new Dictionary<string, int> { ["65plus"] = 0 };
        (await app.ShouldStoreNothing(id, () => _api.Post($"/api/experiments/{id}/participation", nobody, 400))).ShouldHaveFieldError("byKind");
    }

    [Fact]
    public async Task a_pilot_needs_sites_and_a_start()
    {
        var id = await _given.PlanAsync();
        var problem = await app.ShouldStoreNothing(id, () =>
            _api.Post($"/api/experiments/{id}/pilot", new { sites = Array.Empty<string>(), plannedEnd = "2026-08-31" }, 400));

        problem.ShouldHaveFieldError("sites");
        problem.ShouldHaveFieldError("start");
        (await _given.StageAsync(id)).ShouldBe("Planned");
    }

    [Fact]
    public async Task a_pilot_cannot_be_planned_to_end_before_it_starts()
    {
        var id = await _given.PlanAsync();
        var problem = await app.ShouldStoreNothing(id, () => _api.Post($"/api/experiments/{id}/pilot", new
        {
            sites = new[] { "Myllypuron terveys- ja hyvinvointikeskus" }, start = "2026-09-01", plannedEnd = "2026-08-31",
        }, 400));

        problem.ShouldHaveFieldError("plannedEnd");
        problem.ShouldBeProblem(400)["errors"]!.AsObject().Count.ShouldBe(1);
    }

    [Fact]
    public async Task an_evaluation_must_judge_every_criterion_of_the_plan()
    {
        var id = await _given.EvaluateAsync();
        var problem = await app.ShouldStoreNothing(id, () => _api.Post($"/api/experiments/{id}/evaluation", new
        {
            criteria = new[] { new { metric = ExperimentScenarios.Criterion, met = true } }, verdict = "adopt", lessons = "Chat toimii.",
        }, 400));

        problem.ShouldHaveFieldError("criteria");
        problem.Messages("criteria").Single().ShouldContain("missing: " + ExperimentScenarios.SecondCriterion);
    }

    [Fact]
    public async Task an_evaluation_may_not_judge_unknown_criteria_or_one_twice()
    {
        var id = await _given.EvaluateAsync();
        var unknown = await app.ShouldStoreNothing(id, () => _api.Post($"/api/experiments/{id}/evaluation", new
        {
            criteria = new[]
            {
                new { metric = ExperimentScenarios.Criterion, met = true },
                new { metric = ExperimentScenarios.SecondCriterion, met = false },
                new { metric = "Asiakastyytyväisyys", met = true },
            },
            verdict = "adopt", lessons = "Chat toimii.",
        }, 400));
        unknown.Messages("criteria").ShouldContain(m => m.Contains("Not criteria of the plan: Asiakastyytyväisyys"));

        var twice = await app.ShouldStoreNothing(id, () => _api.Post($"/api/experiments/{id}/evaluation", new
        {
            criteria = new[]
            {
                new { metric = ExperimentScenarios.Criterion, met = true },
                new { metric = ExperimentScenarios.SecondCriterion, met = false },
                new { metric = ExperimentScenarios.Criterion, met = false },
            },
            verdict = "adopt", lessons = "Chat toimii.",
        }, 400));
        twice.Messages("criteria").ShouldContain("Judge each criterion once.");

        var noVerdict = await app.ShouldStoreNothing(id, () => _api.Post($"/api/experiments/{id}/evaluation", new
        {
            criteria = new[] { new { metric = ExperimentScenarios.Criterion, met = (bool?)null }, new { metric = ExperimentScenarios.SecondCriterion, met = (bool?)false } },
            verdict = "maybe",
        }, 400));
        noVerdict.ShouldHaveFieldError("verdict");
        noVerdict.ShouldHaveFieldError("lessons");
        noVerdict.ShouldHaveFieldError("criteria[0].met");
    }

    [Fact]
    public async Task adoption_needs_an_evaluation_first()
    {
        var id = await _given.EvaluateAsync();
        var problem = await app.ShouldStoreNothing(id, () => _api.Post($"/api/experiments/{id}/adopt", ExperimentBodies.Adoption(), 409));

        problem.ShouldBeProblem(409);
        problem["title"]!.GetValue<string>().ShouldBe("Adoption needs an evaluation that recommends it");
        problem["detail"]!.GetValue<string>().ShouldContain("Complete the evaluation first");
        problem["currentStage"].ShouldBeNull();
    }

    [Fact]
    public async Task adoption_needs_the_evaluations_verdict_to_be_adopt()
    {
        var id = await _given.EvaluatedAsync("discontinue");
        var problem = await app.ShouldStoreNothing(id, () => _api.Post($"/api/experiments/{id}/adopt", ExperimentBodies.Adoption(), 409));

        problem.ShouldBeProblem(409);
        problem["detail"]!.GetValue<string>().ShouldContain("\"discontinue\"");
        (await _given.StageAsync(id)).ShouldBe("Evaluating");
    }

    [Fact]
    public async Task discontinuing_needs_a_reason_and_lessons()
    {
        var id = await _given.PilotAsync();
        var problem = await app.ShouldStoreNothing(id, () => _api.Post($"/api/experiments/{id}/discontinue", new { reason = "  " }, 400));

        problem.ShouldHaveFieldError("reason");
        problem.ShouldHaveFieldError("lessons");
        (await _given.StageAsync(id)).ShouldBe("Piloting");
    }

    [Fact]
    public async Task once_adopted_only_widening_the_scope_is_allowed()
    {
        var id = await _given.AdoptAsync("Unit");
        foreach (var (command, body) in new (string, object)[]
                 {
                     ("participation", ExperimentBodies.Myllypuro()), ("hold", new { reason = "Tauko" }),
                     ("discontinue", ExperimentBodies.Discontinuation()), ("plan", ExperimentBodies.Plan()),
                 })
        {
            var problem = await app.ShouldStoreNothing(id, () => _api.Post($"/api/experiments/{id}/{command}", body, 409));
            problem.ShouldBeWrongStage("Adopted").AllowedCommands().ShouldBe(["adoption-scope"]);
        }

        var widened = await _api.Post($"/api/experiments/{id}/adoption-scope", new { scope = "County", rationale = "Koko Vantaan ja Keravan hyvinvointialueelle" }, 200);
        widened["version"]!.GetValue<long>().ShouldBe(await _given.VersionAsync(id));
        var evt = (await app.StreamEvents(id)).Last().Data.ShouldBeOfType<AdoptionScopeWidened>();
        evt.ShouldBe(new AdoptionScopeWidened("Unit", "County", "Koko Vantaan ja Keravan hyvinvointialueelle"));
        (await _given.StateAsync(id))["adoption"]!["scope"]!.GetValue<string>().ShouldBe("County");
    }

    [Theory]
    [InlineData("Unit")]
    [InlineData("County")]
    public async Task widening_must_widen(string narrowerOrSame)
    {
        var id = await _given.AdoptAsync("County");
        var problem = await app.ShouldStoreNothing(id, () =>
            _api.Post($"/api/experiments/{id}/adoption-scope", new { scope = narrowerOrSame, rationale = "Kavennetaan" }, 400));

        problem.ShouldHaveFieldError("scope");
        problem.Messages("scope").Single().ShouldContain("MultiCounty, National");
    }
}
