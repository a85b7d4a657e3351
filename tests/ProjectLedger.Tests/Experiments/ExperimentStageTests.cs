using ProjectLedger.Experiments;
using ProjectLedger.Tests.Infrastructure;
using Shouldly;

namespace ProjectLedger.Tests.Experiments;

/// <summary>
/// The lifecycle over HTTP: the 409 mapping (once; the whole stage matrix is pure, in StageMatrixTests), hold and resume,
/// revising, and the stage-gate decision on every move.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class ExperimentStageTests(LedgerApp app)
{
    private readonly Api _api = new(app);
    private readonly ExperimentScenarios _given = new(new Api(app));

    [Fact]
    public async Task a_pilot_in_stage_idea_is_409_naming_the_stage_and_what_is_allowed()
    {
        var id = await _given.ProposeAsync();
        var problem = await app.ShouldStoreNothing(id, () => _api.Post($"/api/experiments/{id}/pilot", ExperimentBodies.Pilot(), 409));

        problem.ShouldBeWrongStage("Idea");
        problem["title"]!.GetValue<string>().ShouldBe("Not allowed in the current stage");
        problem.AllowedCommands().ShouldContain("plan");
        problem.AllowedCommands().ShouldNotContain("pilot");
        problem["detail"]!.GetValue<string>().ShouldContain("'pilot'");
    }

    [Fact]
    public async Task resume_returns_to_the_stage_it_left()
    {
        var id = await _given.HoldAsync(() => _given.PilotAsync());
        var held = (await _given.StateAsync(id))["onHold"]!;
        held["from"]!.GetValue<string>().ShouldBe("Piloting");
        held["reason"]!.GetValue<string>().ShouldBe("Henkilöstöpula: chat-vuorojen resursointi puuttuu");

        await _api.Post($"/api/experiments/{id}/resume", new { reason = "Chat-vuorot resursoitu syksylle" }, 200);

        var state = await _given.StateAsync(id);
        state["stage"]!.GetValue<string>().ShouldBe("Piloting");
        state["onHold"].ShouldBeNull();
        var events = await app.StreamEvents(id);
        events[^2].Data.ShouldBe(new ExperimentResumed(Stage.Piloting));
        events[^1].Data.ShouldBe(new StageGateDecided(Stage.OnHold, Stage.Piloting, "resume", "Chat-vuorot resursoitu syksylle", "projectOffice"));

        await _api.Post($"/api/experiments/{id}/measurements", new { metric = ExperimentScenarios.Criterion, value = 22, at = "2026-09-15" }, 200);
    }

    [Fact]
    public async Task an_experiment_on_hold_can_be_discontinued()
    {
        var id = await _given.HoldAsync(() => _given.PlanAsync());
        await _api.Post($"/api/experiments/{id}/discontinue", ExperimentBodies.Discontinuation(), 200);

        (await _given.StageAsync(id)).ShouldBe("Discontinued");
        var gate = (await app.StreamEvents(id)).Last().Data.ShouldBeOfType<StageGateDecided>();
        gate.From.ShouldBe(Stage.OnHold);
        gate.To.ShouldBe(Stage.Discontinued);
    }

    [Fact]
    public async Task a_revise_verdict_sends_the_experiment_back_to_planned_and_it_can_pilot_again()
    {
        var id = await _given.EvaluatedAsync("revise");

        var state = await _given.StateAsync(id);
        state["stage"]!.GetValue<string>().ShouldBe("Planned");
        state["evaluation"]!["verdict"]!.GetValue<string>().ShouldBe("revise");
        var gate = (await app.StreamEvents(id)).Last().Data.ShouldBeOfType<StageGateDecided>();
        (gate.From, gate.To, gate.Decision).ShouldBe((Stage.Evaluating, Stage.Planned, "revise"));

        await _api.Post($"/api/experiments/{id}/plan", ExperimentBodies.Plan(ExperimentScenarios.Criterion), 200);
        await _api.Post($"/api/experiments/{id}/pilot", new
        {
            sites = new[] { "Myllypuron terveys- ja hyvinvointikeskus" }, start = "2026-10-01", plannedEnd = "2027-01-31", channels = new[] { "verkkoalusta" },
        }, 200);

        state = await _given.StateAsync(id);
        state["stage"]!.GetValue<string>().ShouldBe("Piloting");
        state["pilot"]!["start"]!.GetValue<string>().ShouldBe("2026-10-01");
        state["plan"]!["successCriteria"]!.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task a_new_evaluation_is_needed_after_revising_before_adoption()
    {
        var id = await _given.EvaluatedAsync("revise");
        await _api.Post($"/api/experiments/{id}/pilot", ExperimentBodies.Pilot(), 200);
        await _api.Post($"/api/experiments/{id}/pilot/end", new { ended = "2026-12-31" }, 200);

        var problem = await app.ShouldStoreNothing(id, () => _api.Post($"/api/experiments/{id}/adopt", ExperimentBodies.Adoption(), 409));
        problem["detail"]!.GetValue<string>().ShouldContain("\"revise\"");

        await _api.Post($"/api/experiments/{id}/evaluation", ExperimentBodies.Evaluation("adopt"), 200);
        await _api.Post($"/api/experiments/{id}/adopt", ExperimentBodies.Adoption(), 200);
        (await _given.StageAsync(id)).ShouldBe("Adopted");
    }

    [Fact]
    public async Task every_stage_move_appends_a_stage_gate_decision_with_the_deciders_role()
    {
        var id = await _given.ProposeAsync();
        var admin = _api.As("admin", "*", "paivi.paakayttaja");
        await _api.Post($"/api/experiments/{id}/plan", ExperimentBodies.Plan(), 200);
        await admin.Post($"/api/experiments/{id}/pilot", ExperimentBodies.Pilot(), 200);
        await _api.Post($"/api/experiments/{id}/hold", new { reason = "Kesäkausi" }, 200);
        await _api.Post($"/api/experiments/{id}/resume", new { }, 200);
        await _api.Post($"/api/experiments/{id}/pilot/end", new { ended = "2026-08-31", reason = "Pilottijakso päättyi suunnitellusti" }, 200);
        await _api.Post($"/api/experiments/{id}/evaluation", ExperimentBodies.Evaluation("adopt"), 200);
        await _api.Post($"/api/experiments/{id}/adopt", ExperimentBodies.Adoption("County"), 200);

        var gates = (await app.StreamEvents(id)).Select(e => e.Data).OfType<StageGateDecided>().ToList();
        gates.Select(g => (g.From, g.To, g.Decision)).ShouldBe(
        [
            (Stage.Idea, Stage.Planned, "plan"),
            (Stage.Planned, Stage.Piloting, "pilot"),
            (Stage.Piloting, Stage.OnHold, "hold"),
            (Stage.OnHold, Stage.Piloting, "resume"),
            (Stage.Piloting, Stage.Evaluating, "pilot/end"),
            (Stage.Evaluating, Stage.Adopted, "adopt"),
        ]);
        gates.Select(g => g.DeciderRole).ShouldBe(["projectOffice", "admin", "projectOffice", "projectOffice", "projectOffice", "projectOffice"]);
        gates.ShouldAllBe(g => !string.IsNullOrWhiteSpace(g.Rationale));
        gates[0].Rationale.ShouldStartWith("Suunnitelma hyväksytty: ");
        gates[1].Rationale.ShouldContain("Tikkurilan sosiaali- ja terveysasema");
        gates[2].Rationale.ShouldBe("Kesäkausi");
        gates[4].Rationale.ShouldBe("Pilottijakso päättyi suunnitellusti");
        gates[5].Rationale.ShouldBe("Sähköisen asioinnin tavoite saavutettiin; malli juurrutetaan neuvonnan prosessiin");

        var visits = (await _given.StateAsync(id))["stageHistory"]!.AsArray();
        visits.Select(v => v!["stage"]!.GetValue<string>()).ShouldBe(["Idea", "Planned", "Piloting", "OnHold", "Piloting", "Evaluating", "Adopted"]);
        visits.Last()!["left"].ShouldBeNull();
    }

    [Fact]
    public async Task commands_that_do_not_move_the_stage_append_no_stage_gate()
    {
        var id = await _given.PilotAsync();
        var before = (await app.StreamEvents(id)).Count;
        await _api.Post($"/api/experiments/{id}/participation", ExperimentBodies.Myllypuro(), 200);
        await _api.Post($"/api/experiments/{id}/sessions", ExperimentBodies.ExperienceExpertClinic(), 200);
        await _api.Post($"/api/experiments/{id}/feedback", new { channel = "verkkoalusta", score = 5, themes = new[] { "helppokäyttöisyys" } }, 200);

        var added = (await app.StreamEvents(id)).Skip(before).Select(e => e.Data.GetType()).ToList();
        added.ShouldBe([typeof(ParticipationRecorded), typeof(CoDevelopmentSessionHeld), typeof(FeedbackReceived)]);
    }
}
