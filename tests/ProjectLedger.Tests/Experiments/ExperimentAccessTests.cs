using ProjectLedger.Tests.Infrastructure;
using ProjectLedger.Tests.Projects;
using Shouldly;

namespace ProjectLedger.Tests.Experiments;

/// <summary>Validation (400 with an errors map), unknown experiments (404) and who may write (403); none of them stores anything.</summary>
[Collection(LedgerCollection.Name)]
public sealed class ExperimentAccessTests(LedgerApp app)
{
    private readonly Api _api = new(app);
    private readonly ExperimentScenarios _given = new(new Api(app));

    [Fact]
    public async Task a_proposal_without_its_fields_names_each_in_the_errors_map()
    {
        var before = await app.EventCount();
        var problem = await _api.Post("/api/experiments", new { county = "atlantis", themes = new[] { " " } }, 400);

        foreach (var field in new[] { "title", "problem", "county", "themes[0]", "proposedByRole" })
            problem.ShouldHaveFieldError(field);
        problem["detail"]!.GetValue<string>().ShouldContain("title");
        (await app.EventCount()).ShouldBe(before);
    }

    /// <summary>Validate runs before the stream is loaded: a bad body is 400 even for a stream that does not exist (no read spent on it).</summary>
    [Fact]
    public async Task a_bad_body_is_refused_before_the_stream_is_read()
    {
        (await _api.Post($"/api/experiments/{Guid.NewGuid()}/plan", new { hypothesis = " " }, 400)).ShouldHaveFieldError("hypothesis");
        (await _api.Post($"/api/experiments/{Guid.NewGuid()}/plan", ExperimentBodies.Plan(ExperimentScenarios.Criterion), 404)).ShouldBeProblem(404);
    }

    [Fact]
    public async Task a_proposal_checks_its_project_and_workstream()
    {
        var before = await app.EventCount();
        (await _api.Post("/api/experiments", ExperimentBodies.ChatAdvice(workstream: "Neuvonta ja asiakasohjaus"), 400)).ShouldHaveFieldError("workstream");
        (await _api.Post("/api/experiments", ExperimentBodies.ChatAdvice(projectId: Guid.NewGuid()), 400)).ShouldHaveFieldError("projectId");
        (await app.EventCount()).ShouldBe(before);

        var projectId = (await _api.Post("/api/projects", ProjectBodies.AsukkaanAsialla(), 201))["id"]!.GetValue<Guid>();
        before = await app.EventCount();
        (await _api.Post("/api/experiments", ExperimentBodies.ChatAdvice(projectId: projectId, workstream: "Kotihoito"), 400)).ShouldHaveFieldError("workstream");
        var otherCounty = await _api.As("admin", "*").Post("/api/experiments", ExperimentBodies.ChatAdvice("helsinki", projectId: projectId), 400);
        otherCounty.Messages("projectId").Single().ShouldBe("That project is not in helsinki.");
        (await app.EventCount()).ShouldBe(before);

        var created = await _api.Post("/api/experiments", ExperimentBodies.ChatAdvice(projectId: projectId, workstream: "Neuvonta ja asiakasohjaus"), 201);
        created["version"]!.GetValue<long>().ShouldBe(1);
    }

    [Fact]
    public async Task stakeholders_sessions_feedback_and_success_factors_name_their_bad_fields()
    {
        var id = await _given.PilotAsync();
        (await app.ShouldStoreNothing(id, () => _api.Post($"/api/experiments/{id}/stakeholders",
                new { organisation = "Sociala", kind = "vendor", roles = new[] { "sells" } }, 400)))
            .ShouldHaveFieldError("kind").ShouldHaveFieldError("roles[0]");
        (await app.ShouldStoreNothing(id, () => _api.Post($"/api/experiments/{id}/stakeholders",
                new { organisation = "Sociala", kind = "company" }, 400)))
            .ShouldHaveFieldError("roles");
        (await app.ShouldStoreNothing(id, () => _api.Post($"/api/experiments/{id}/sessions",
                new { kind = "townHall", date = "2026-04-14", attendeesByKind = new Dictionary<string, int> { ["ngo"] = 5 } }, 400)))
            .ShouldHaveFieldError("kind").ShouldHaveFieldError("theme");
        (await app.ShouldStoreNothing(id, () => _api.Post($"/api/experiments/{id}/feedback", new { channel = "chat", score = 6 }, 400)))
            .ShouldHaveFieldError("score");
        (await app.ShouldStoreNothing(id, () => _api.Post($"/api/experiments/{id}/success-factors",
                new { individual = new { competence = 0, commitment = 4 } }, 400)))
            .ShouldHaveFieldError("individual.competence").ShouldHaveFieldError("organisation.leadership").ShouldHaveFieldError("organisation.resourcing");
    }

    [Fact]
    public async Task a_write_without_a_body_is_400()
    {
        var id = await _given.ProposeAsync();
        var problem = await app.ShouldStoreNothing(id, () => _api.PostRaw($"/api/experiments/{id}/plan", "", 400));
        problem.ShouldBeProblem(400);
    }

    [Fact]
    public async Task an_unknown_experiment_is_404_with_or_without_an_expected_version()
    {
        var before = await app.EventCount();
        var unknown = Guid.NewGuid();

        var without = await _api.Post($"/api/experiments/{unknown}/participation", ExperimentBodies.Myllypuro(), 404);
        without.ShouldBeProblem(404)["detail"]!.GetValue<string>().ShouldContain(unknown.ToString());
        var with = await _api.Post($"/api/experiments/{unknown}/participation", ExperimentBodies.Myllypuro(expectedVersion: 3), 404);
        with.ShouldBeProblem(404);
        (await _api.Post($"/api/experiments/{unknown}/resume", new { }, 404)).ShouldBeProblem(404);
        (await _api.Get($"/api/experiments/{unknown}", 404)).ShouldBeProblem(404);

        (await app.EventCount()).ShouldBe(before);
        (await app.StreamEvents(unknown)).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_project_office_of_another_county_may_not_write()
    {
        var id = await _given.PilotAsync();
        var helsinki = _api.As(Api.Office, "helsinki", "helsinki.office");

        var problem = await app.ShouldStoreNothing(id, () => helsinki.Post($"/api/experiments/{id}/participation", ExperimentBodies.Myllypuro(), 403));
        problem.ShouldBeProblem(403)["detail"]!.GetValue<string>().ShouldContain("helsinki");

        var before = await app.EventCount();
        (await helsinki.Post("/api/experiments", ExperimentBodies.ChatAdvice("vantaa-kerava"), 403)).ShouldBeProblem(403);
        (await app.EventCount()).ShouldBe(before);
    }

    [Theory]
    [InlineData("leadership", "vantaa-kerava")]
    [InlineData("leadership", "*")]
    [InlineData("auditor", "*")]
    public async Task leadership_and_auditors_read_but_never_write(string role, string county)
    {
        var id = await _given.PilotAsync();
        var reader = _api.As(role, county);

        var problem = await app.ShouldStoreNothing(id, () => reader.Post($"/api/experiments/{id}/participation", ExperimentBodies.Myllypuro(), 403));
        problem["detail"]!.GetValue<string>().ShouldContain(role);
        await app.ShouldStoreNothing(id, () => reader.Post($"/api/experiments/{id}/discontinue", ExperimentBodies.Discontinuation(), 403));
        var before = await app.EventCount();
        await reader.Post("/api/experiments", ExperimentBodies.ChatAdvice(), 403);
        (await app.EventCount()).ShouldBe(before);

        (await reader.Get($"/api/experiments/{id}"))["stage"]!.GetValue<string>().ShouldBe("Piloting");
    }

    [Fact]
    public async Task an_admin_writes_in_any_county()
    {
        var id = await _given.PilotAsync();
        await _api.As("admin", "*").Post($"/api/experiments/{id}/participation", ExperimentBodies.Myllypuro(), 200);
        (await _given.StateAsync(id))["participation"]!["total"]!.GetValue<int>().ShouldBe(104);
    }
}
