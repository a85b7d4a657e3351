using ProjectLedger.Projects;
using ProjectLedger.Tests.Infrastructure;
using Shouldly;

namespace ProjectLedger.Tests.Projects;

[Collection(LedgerCollection.Name)]
public sealed class ProjectStreamTests(LedgerApp app)
{
    private readonly Api _api = new(app);

    [Fact]
    public async Task registering_a_project_starts_its_stream_and_reads_back_with_goals()
    {
        var created = await _api.Post("/api/projects", ProjectBodies.AsukkaanAsialla(), 201);
        var id = created["id"]!.GetValue<Guid>();
        created["version"]!.GetValue<long>().ShouldBe(1);

        var project = await _api.Get($"/api/projects/{id}");
        project["name"]!.GetValue<string>().ShouldBe("Asukkaan asialla");
        project["county"]!.GetValue<string>().ShouldBe("vantaa-kerava");
        project["workstreams"]![0]!["goals"]!.AsArray().Count.ShouldBe(3);
        project["workstreams"]![0]!["goals"]![2]!["target"]!.GetValue<decimal>().ShouldBe(75);

        var events = await app.StreamEvents(id);
        events.Single().Data.ShouldBeOfType<ProjectRegistered>().Programme.ShouldBe("Tulevaisuuden sosiaali- ja terveyskeskus");
    }

    [Fact]
    public async Task events_carry_who_their_role_the_correlation_id_and_the_reason()
    {
        var created = await _api.As(Api.Office, "vantaa-kerava", "maija.virtanen")
            .Post("/api/projects", ProjectBodies.AsukkaanAsialla(), 201);
        var id = created["id"]!.GetValue<Guid>();
        await _api.Post($"/api/projects/{id}/goals", new
        {
            workstream = "Neuvonta ja asiakasohjaus", indicator = "Chat-palvelun käyttäjämäärä", baseline = 0, target = 500, unit = "käyttäjää/kk",
            reason = "Kokemusasiantuntijaklinikka ehdotti chatin seurantaa",
        }, 200);

        var added = (await app.StreamEvents(id)).Last();
        added.Data.ShouldBeOfType<ProjectGoalAdded>();
        added.UserName.ShouldBe("test-user");
        added.CorrelationId.ShouldNotBeNullOrWhiteSpace();
        added.Headers!["role"].ToString().ShouldBe("projectOffice");
        added.Headers!["reason"].ToString().ShouldBe("Kokemusasiantuntijaklinikka ehdotti chatin seurantaa");
    }

    [Fact]
    public async Task adding_a_goal_and_closing_move_the_version_on()
    {
        var id = (await _api.Post("/api/projects", ProjectBodies.AsukkaanAsialla(), 201))["id"]!.GetValue<Guid>();
        var goal = await _api.Post($"/api/projects/{id}/goals", new
        {
            workstream = "Kokemusasiantuntijatoiminta", indicator = "Klinikoita vuodessa", baseline = 0, target = 12, unit = "kpl", expectedVersion = 1,
        }, 200);
        goal["version"]!.GetValue<long>().ShouldBe(2);

        var closed = await _api.Post($"/api/projects/{id}/close", new { summary = "Hanke päättyi; toimintamallit siirtyivät linjaan.", expectedVersion = 2 }, 200);
        closed["version"]!.GetValue<long>().ShouldBe(3);

        var project = await _api.Get($"/api/projects/{id}");
        project["closed"]!.GetValue<bool>().ShouldBeTrue();
        project["workstreams"]!.AsArray().Count.ShouldBe(2);
    }

    [Fact]
    public async Task a_stale_expected_version_gets_409_and_stores_nothing()
    {
        var id = (await _api.Post("/api/projects", ProjectBodies.AsukkaanAsialla(), 201))["id"]!.GetValue<Guid>();
        await _api.Post($"/api/projects/{id}/goals", new { workstream = "A", indicator = "i", baseline = 1, target = 2, unit = "kpl", expectedVersion = 1 }, 200);

        var problem = await _api.Post($"/api/projects/{id}/goals",
            new { workstream = "B", indicator = "i", baseline = 1, target = 2, unit = "kpl", expectedVersion = 1 }, 409);

        problem.ShouldBeProblem(409);
        problem["currentVersion"]!.GetValue<long>().ShouldBe(2);
        problem["detail"]!.GetValue<string>().ShouldContain("Expected version 1");
        (await app.StreamEvents(id)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task an_unknown_county_is_a_validation_error_and_stores_nothing()
    {
        var before = await app.EventCount();
        var problem = await _api.As("admin", "*").Post("/api/projects", ProjectBodies.AsukkaanAsialla("atlantis"), 400);
        problem.ShouldHaveFieldError("county");
        (await app.EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task missing_fields_and_goals_without_numbers_are_named_in_the_errors_map()
    {
        var before = await app.EventCount();
        var problem = await _api.Post("/api/projects", new
        {
            county = "vantaa-kerava",
            workstreams = new[] { new { name = "Neuvonta", goals = new object[] { new { indicator = "Sähköinen asiointi" } } } },
        }, 400);
        problem.ShouldHaveFieldError("name");
        problem.ShouldHaveFieldError("programme");
        problem.ShouldHaveFieldError("workstreams[0].goals[0].baseline");
        problem.ShouldHaveFieldError("workstreams[0].goals[0].target");
        problem.ShouldHaveFieldError("workstreams[0].goals[0].unit");
        (await app.EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task malformed_json_gets_a_problem_and_stores_nothing()
    {
        var before = await app.EventCount();
        var problem = await _api.PostRaw("/api/projects", "{\"name\": \"Asukkaan asialla\", ", 400);
        problem.ShouldBeProblem(400);
        problem["detail"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        (await app.EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task a_number_where_text_belongs_gets_a_problem_and_stores_nothing()
    {
        var before = await app.EventCount();
        (await _api.PostRaw("/api/projects", "{\"name\": 42, \"county\": \"vantaa-kerava\"}", 400)).ShouldBeProblem(400);
        (await app.EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task an_unknown_project_is_404_for_reads_and_writes()
    {
        var id = Guid.NewGuid();
        (await _api.Get($"/api/projects/{id}", 404)).ShouldBeProblem(404);
        var before = await app.EventCount();
        (await _api.Post($"/api/projects/{id}/goals", new { workstream = "A", indicator = "i", baseline = 1, target = 2, unit = "kpl" }, 404))
            .ShouldBeProblem(404);
        (await _api.Post($"/api/projects/{id}/goals", new { workstream = "A", indicator = "i", baseline = 1, target = 2, unit = "kpl", expectedVersion = 3 }, 404))
            .ShouldBeProblem(404);
        (await app.EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task a_closed_project_takes_no_more_goals()
    {
        var id = (await _api.Post("/api/projects", ProjectBodies.AsukkaanAsialla(), 201))["id"]!.GetValue<Guid>();
        await _api.Post($"/api/projects/{id}/close", new { summary = "Päättyi" }, 200);
        (await _api.Post($"/api/projects/{id}/goals", new { workstream = "A", indicator = "i", baseline = 1, target = 2, unit = "kpl" }, 409))
            .ShouldBeProblem(409);
        (await app.StreamEvents(id)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task the_project_list_is_scoped_to_the_callers_county()
    {
        await _api.As(Api.Office, "lappi").Post("/api/projects", ProjectBodies.AsukkaanAsialla("lappi"), 201);
        var mine = await _api.As(Api.Office, "lappi").Get("/api/projects?county=helsinki");
        mine.AsArray().ShouldAllBe(p => p!["county"]!.GetValue<string>() == "lappi");
        mine.AsArray().Count.ShouldBeGreaterThan(0);
    }
}
