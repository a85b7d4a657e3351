using ProjectLedger.Tests.Infrastructure;
using ProjectLedger.Tests.Projects;
using Shouldly;

namespace ProjectLedger.Tests.Experiments;

/// <summary>GET of one experiment, the filtered and paged list, and the project page with its experiments' stages.</summary>
[Collection(LedgerCollection.Name)]
public sealed class ExperimentReadTests(LedgerApp app)
{
    private readonly Api _api = new(app);
    private readonly ExperimentScenarios _given = new(new Api(app));

    private static string UniqueTheme() => "teema-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task the_state_shows_stage_version_plan_participation_and_what_was_gathered()
    {
        var id = await _given.PilotAsync();
        await _api.Post($"/api/experiments/{id}/stakeholders", new { organisation = "Myllypuron asukkaat", kind = "client", roles = new[] { "designedFor" } }, 200);
        await _api.Post($"/api/experiments/{id}/participation", ExperimentBodies.Myllypuro(), 200);
        await _api.Post($"/api/experiments/{id}/sessions", ExperimentBodies.ExperienceExpertClinic(), 200);
        await _api.Post($"/api/experiments/{id}/measurements", new { metric = ExperimentScenarios.Criterion, value = 21, at = "2026-04-30" }, 200);
        await _api.Post($"/api/experiments/{id}/feedback", new { channel = "chat", score = 4, themes = new[] { "nopeus" } }, 200);
        await _api.Post($"/api/experiments/{id}/feedback", new { channel = "chat", score = 5, themes = Array.Empty<string>() }, 200);

        var state = await _given.StateAsync(id);

        state["id"]!.GetValue<Guid>().ShouldBe(id);
        state["stage"]!.GetValue<string>().ShouldBe("Piloting");
        state["version"]!.GetValue<long>().ShouldBe((await app.StreamEvents(id)).Count);
        state["county"]!.GetValue<string>().ShouldBe("vantaa-kerava");
        state["title"]!.GetValue<string>().ShouldBe("Chat-neuvonta sosiaalipalveluihin");
        state["plan"]!["successCriteria"]!.AsArray().Count.ShouldBe(2);
        state["plan"]!["participationHours"]!.GetValue<decimal>().ShouldBe(120);
        state["pilot"]!["sites"]!.AsArray().Count.ShouldBe(2);
        state["stakeholders"]![0]!["kind"]!.GetValue<string>().ShouldBe("client");

        var participation = state["participation"]!;
        participation["total"]!.GetValue<int>().ShouldBe(104);
        participation["byKind"]!["client"]!.GetValue<int>().ShouldBe(104);
        participation["byAgeBand"]!["65plus"]!.GetValue<int>().ShouldBe(44);
        participation["byAgeBand"]!["under18"]!.GetValue<int>().ShouldBe(0, "the reach gap: no young people");
        participation["byWay"]!["planning"]!.GetValue<int>().ShouldBe(104);
        participation["byChannel"]!["digital"]!.GetValue<int>().ShouldBe(104);

        state["sessions"]![0]!["theme"]!.GetValue<string>().ShouldBe("Palautteen kerääminen chat-piloteista");
        var measured = state["measurements"]!.AsArray().Single(m => m!["metric"]!.GetValue<string>() == ExperimentScenarios.Criterion)!;
        measured["latest"]!.GetValue<decimal>().ShouldBe(21);
        measured["latestAt"]!.GetValue<string>().ShouldBe("2026-04-30");
        state["feedback"]!["count"]!.GetValue<int>().ShouldBe(2);
        state["feedback"]!["averageScore"]!.GetValue<decimal>().ShouldBe(4.5m);
    }

    [Fact]
    public async Task the_list_filters_by_theme_stage_county_and_project()
    {
        var theme = UniqueTheme();
        var idea = await _given.ProposeAsync(theme: theme);
        var planned = await _given.PlanAsync(theme: theme);
        var helsinki = new ExperimentScenarios(_api.As(Api.Office, "helsinki", "helsinki.office"));
        var myllypuro = await helsinki.PilotAsync("helsinki", theme);
        var projectId = (await _api.Post("/api/projects", ProjectBodies.AsukkaanAsialla(), 201))["id"]!.GetValue<Guid>();
        var inProject = await _given.ProposeAsync(theme: theme, projectId: projectId, workstream: "Neuvonta ja asiakasohjaus");
        var admin = _api.As("admin", "*");

        Ids(await admin.Get($"/api/experiments?theme={theme}")).ShouldBe([idea, planned, myllypuro, inProject], ignoreOrder: true);
        Ids(await admin.Get($"/api/experiments?theme={theme}&stage=Planned")).ShouldBe([planned]);
        Ids(await admin.Get($"/api/experiments?theme={theme}&stage=piloting")).ShouldBe([myllypuro]);
        Ids(await admin.Get($"/api/experiments?theme={theme}&county=helsinki")).ShouldBe([myllypuro]);
        Ids(await admin.Get($"/api/experiments?projectId={projectId}")).ShouldBe([inProject]);

        // A county's own readers see only their county, whatever they ask.
        Ids(await _api.Get($"/api/experiments?theme={theme}")).ShouldBe([idea, planned, inProject], ignoreOrder: true);
        Ids(await _api.As("leadership", "helsinki").Get($"/api/experiments?theme={theme}")).ShouldBe([myllypuro]);

        var item = (await admin.Get($"/api/experiments?theme={theme}&county=helsinki"))["items"]![0]!;
        item["stage"]!.GetValue<string>().ShouldBe("Piloting");
        item["title"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        item["version"]!.GetValue<long>().ShouldBe(5);
    }

    [Fact]
    public async Task the_list_is_paged_with_the_total_newest_change_first()
    {
        var theme = UniqueTheme();
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++) ids.Add(await _given.ProposeAsync(theme: theme));

        var first = await _api.Get($"/api/experiments?theme={theme}&pageSize=2");
        first["total"]!.GetValue<long>().ShouldBe(5);
        first["page"]!.GetValue<int>().ShouldBe(1);
        first["pageSize"]!.GetValue<int>().ShouldBe(2);
        Ids(first).ShouldBe([ids[4], ids[3]]);

        var third = await _api.Get($"/api/experiments?theme={theme}&pageSize=2&page=3");
        third["total"]!.GetValue<long>().ShouldBe(5);
        Ids(third).ShouldBe([ids[0]]);

        var beyond = await _api.Get($"/api/experiments?theme={theme}&pageSize=2&page=4");
        beyond["items"]!.AsArray().ShouldBeEmpty();
        beyond["total"]!.GetValue<long>().ShouldBe(5);
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=201", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("stage=Launched", "stage")]
    public async Task the_list_rejects_bad_paging_and_unknown_stages(string query, string field)
    {
        (await _api.Get($"/api/experiments?{query}", 400)).ShouldHaveFieldError(field);
    }

    [Fact]
    public async Task leadership_reads_its_own_county_only()
    {
        var id = await _given.ProposeAsync();

        (await _api.As("leadership", "helsinki").Get($"/api/experiments/{id}", 403)).ShouldBeProblem(403);
        (await _api.As("leadership", "helsinki").Get($"/api/experiments/{id}/history", 403)).ShouldBeProblem(403);
        (await _api.As("leadership", "helsinki").Get("/api/experiments?county=vantaa-kerava", 403)).ShouldBeProblem(403);
        (await _api.As(Api.Office, "helsinki").Get($"/api/experiments/{id}", 403)).ShouldBeProblem(403);

        (await _api.As("leadership", "vantaa-kerava").Get($"/api/experiments/{id}"))["id"]!.GetValue<Guid>().ShouldBe(id);
        (await _api.As("leadership", "*").Get($"/api/experiments/{id}"))["id"]!.GetValue<Guid>().ShouldBe(id);
        (await _api.As("auditor", "*").Get($"/api/experiments/{id}"))["id"]!.GetValue<Guid>().ShouldBe(id);
    }

    [Fact]
    public async Task the_project_page_lists_its_experiments_with_their_stages()
    {
        var projectId = (await _api.Post("/api/projects", ProjectBodies.AsukkaanAsialla(), 201))["id"]!.GetValue<Guid>();
        var chat = await _given.ProposeAsync(projectId: projectId, workstream: "Neuvonta ja asiakasohjaus");
        var form = await _given.ProposeAsync(projectId: projectId);
        await _api.Post($"/api/experiments/{form}/plan", ExperimentBodies.Plan(), 200);
        await _given.ProposeAsync();

        var experiments = (await _api.Get($"/api/projects/{projectId}"))["experiments"]!.AsArray();

        experiments.Count.ShouldBe(2);
        experiments.Select(e => (e!["id"]!.GetValue<Guid>(), e["stage"]!.GetValue<string>()))
            .ShouldBe([(chat, "Idea"), (form, "Planned")], ignoreOrder: true);
    }

    private static IReadOnlyList<Guid> Ids(System.Text.Json.Nodes.JsonNode page) =>
        page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()).ToList();
}
