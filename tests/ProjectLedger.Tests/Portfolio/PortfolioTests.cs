using System.Text.Json.Nodes;
using ProjectLedger.Tests.Infrastructure;
using Shouldly;

namespace ProjectLedger.Tests.Portfolio;

[Collection(LedgerCollection.Name)]
public sealed class PortfolioTests(LedgerApp app)
{
    [Fact]
    public async Task a_goal_shows_baseline_target_and_the_latest_value_measured_by_the_experiments_serving_it()
    {
        var flow = new PortfolioFlow(app);
        var project = await flow.Project();
        var chat = await flow.Propose(project);
        await flow.Plan(chat, PortfolioFlow.DigitalGoal);
        var unrelated = await flow.Propose(project, "Kotihoidon etäkäynnit");
        await flow.Plan(unrelated);
        await flow.Pilot(chat, PortfolioFlow.Today.AddDays(-60), PortfolioFlow.Today.AddDays(60));
        await flow.Measure(chat, 21, PortfolioFlow.Today.AddDays(-30));
        var afterFirst = await PortfolioFlow.Moment();
        await flow.Measure(chat, 24, PortfolioFlow.Today.AddDays(-1));

        var goals = await flow.Office.Get($"/api/dashboards/goals?projectId={project}");
        goals["scope"]!.GetValue<string>().ShouldBe("project:" + project);
        var digital = PortfolioFlow.Goal(goals, project, PortfolioFlow.DigitalGoal);
        digital["baseline"]!.GetValue<decimal>().ShouldBe(12);
        digital["target"]!.GetValue<decimal>().ShouldBe(30);
        digital["latest"]!.GetValue<decimal>().ShouldBe(24);
        digital["progress"]!.GetValue<decimal>().ShouldBe(0.667m);
        digital["latestExperimentId"]!.GetValue<Guid>().ShouldBe(chat);
        digital["servingExperiments"]!.GetValue<int>().ShouldBe(1);
        var early = PortfolioFlow.Goal(goals, project, "Varhaisen tunnistamisen toimintamallit ovat laajemmin käytössä");
        early["latest"].ShouldBeNull();
        early["servingExperiments"]!.GetValue<int>().ShouldBe(0);

        PortfolioFlow.Goal(await flow.CountyLeadership.Get($"/api/dashboards/goals?county={flow.County}"), project, PortfolioFlow.DigitalGoal)["latest"]!
            .GetValue<decimal>().ShouldBe(24);
        PortfolioFlow.Goal(await flow.National.Get("/api/dashboards/goals"), project, PortfolioFlow.DigitalGoal)["latest"]!
            .GetValue<decimal>().ShouldBe(24);
        var then = await flow.National.Get($"/api/dashboards/goals?projectId={project}&at={PortfolioFlow.At(afterFirst)}");
        PortfolioFlow.Goal(then, project, PortfolioFlow.DigitalGoal)["latest"]!.GetValue<decimal>().ShouldBe(21);

        (await new Api(app).As("leadership", "helsinki").Get($"/api/dashboards/goals?projectId={project}", 403)).ShouldBeProblem(403);
    }

    [Fact]
    public async Task success_factors_are_averaged_by_outcome_and_the_largest_gaps_named()
    {
        var flow = new PortfolioFlow(app);
        var adopted = new List<Guid>();
        foreach (var (leadership, resourcing) in new[] { (5, 4), (4, 4) })
        {
            var id = await flow.Propose();
            await flow.Plan(id);
            await flow.Pilot(id, PortfolioFlow.Today.AddDays(-90), PortfolioFlow.Today.AddDays(-1));
            await flow.Factors(id, 4, 5, leadership, 4, 3, 4, resourcing);
            await flow.Adopt(id);
            adopted.Add(id);
        }
        var dropped = await flow.Propose();
        await flow.Plan(dropped);
        await flow.Factors(dropped, 4, 3, 2, 4, 3, 2, 1);
        await flow.Discontinue(dropped);
        var running = await flow.Propose();
        await flow.Plan(running);
        await flow.Factors(running, 3, 3, 3, 3, 3, 3, 3);
        await flow.Propose(); // not assessed: counts nowhere

        var factors = await flow.National.Get($"/api/dashboards/factors?theme={flow.Theme}");
        factors["assessed"]!.GetValue<int>().ShouldBe(4);
        var leadershipRow = Factor(factors, "leadership");
        leadershipRow["level"]!.GetValue<string>().ShouldBe("organisation");
        leadershipRow["adopted"]!["mean"]!.GetValue<decimal>().ShouldBe(4.5m);
        leadershipRow["adopted"]!["n"]!.GetValue<int>().ShouldBe(2);
        leadershipRow["discontinued"]!["mean"]!.GetValue<decimal>().ShouldBe(2);
        leadershipRow["discontinued"]!["n"]!.GetValue<int>().ShouldBe(1);
        leadershipRow["running"]!["mean"]!.GetValue<decimal>().ShouldBe(3);
        leadershipRow["difference"]!.GetValue<decimal>().ShouldBe(2.5m);
        Factor(factors, "competence")["difference"]!.GetValue<decimal>().ShouldBe(0);
        Factor(factors, "competence")["level"]!.GetValue<string>().ShouldBe("individual");
        factors["differMost"]!.AsArray().Select(f => f!.GetValue<string>()).ShouldBe(["resourcing", "leadership", "commitment"]);
    }

    [Fact]
    public async Task national_leadership_sees_the_counties_side_by_side_and_county_leadership_does_not()
    {
        var flow = new PortfolioFlow(app, "keski-pohjanmaa");
        (await flow.CountyLeadership.Get("/api/dashboards/counties", 403)).ShouldBeProblem(403);
        await flow.CaughtUp();
        var before = Row(await flow.National.Get("/api/dashboards/counties"), flow.County);
        var moment = await PortfolioFlow.Moment();

        var adopted = await flow.Propose();
        await flow.Plan(adopted);
        await flow.Pilot(adopted, PortfolioFlow.Today.AddDays(-30), PortfolioFlow.Today);
        await flow.Adopt(adopted);
        var idea = await flow.Propose();
        await flow.CaughtUp();

        var comparison = await flow.National.Get("/api/dashboards/counties");
        comparison["counties"]!.AsArray().Count.ShouldBe(22);
        var after = Row(comparison, flow.County);
        (after["experiments"]!.GetValue<int>() - before["experiments"]!.GetValue<int>()).ShouldBe(2);
        (after["reachedPilot"]!.GetValue<int>() - before["reachedPilot"]!.GetValue<int>()).ShouldBe(1);
        (after["adopted"]!.GetValue<int>() - before["adopted"]!.GetValue<int>()).ShouldBe(1);
        after["medianDaysToAdoption"].ShouldNotBeNull();
        after["conversions"]!.AsArray().Count.ShouldBe(4);
        after["reachGaps"].ShouldNotBeNull();

        var then = Row(await flow.National.Get($"/api/dashboards/counties?at={PortfolioFlow.At(moment)}"), flow.County);
        Strip(then).ToJsonString().ShouldBe(Strip(before).ToJsonString());
    }

    [Fact]
    public async Task small_participation_counts_are_hidden_from_all_but_auditors_and_zero_stays_visible()
    {
        var flow = new PortfolioFlow(app);
        var pilot = await flow.Propose();
        await flow.Plan(pilot);
        await flow.Pilot(pilot, PortfolioFlow.Today.AddDays(-10), PortfolioFlow.Today.AddDays(30));
        await flow.Participation(pilot, PortfolioFlow.Today.AddDays(-1), 3);
        await flow.CaughtUp();

        var hidden = await flow.National.Get($"/api/dashboards/participation?theme={flow.Theme}");
        hidden["total"]!.GetValue<string>().ShouldBe("< 5");
        hidden["byKind"]!["client"]!.GetValue<string>().ShouldBe("< 5");
        hidden["byAgeBand"]!["65plus"]!.GetValue<string>().ShouldBe("< 5");
        hidden["byWay"]!["implementation"]!.GetValue<string>().ShouldBe("< 5");
        hidden["byKind"]!["ngo"]!.GetValue<int>().ShouldBe(0);
        hidden["byAgeBand"]!["under18"]!.GetValue<int>().ShouldBe(0);
        foreach (var reader in new[] { flow.CountyLeadership, flow.Office })
        {
            // The county's totals hold other tests' records too; none of its counts may be 1–4 as a number.
            var county = await reader.Get($"/api/dashboards/participation?county={flow.County}");
            foreach (var value in county["byAgeBand"]!.AsObject().Select(k => k.Value!).Append(county["total"]!))
                if (value.GetValueKind() == System.Text.Json.JsonValueKind.Number) value.GetValue<int>().ShouldNotBeInRange(1, 4);
                else value.GetValue<string>().ShouldBe("< 5");
        }
        var audited = await flow.Auditor.Get($"/api/dashboards/participation?theme={flow.Theme}");
        audited["total"]!.GetValue<int>().ShouldBe(3);
        audited["byKind"]!["client"]!.GetValue<int>().ShouldBe(3);

        var board = await flow.National.Get($"/api/dashboards/pilots?theme={flow.Theme}");
        board["pilots"]![0]!["participantsLast7Days"]!.GetValue<string>().ShouldBe("< 5");
        (await flow.Auditor.Get($"/api/dashboards/pilots?theme={flow.Theme}"))["pilots"]![0]!["participantsLast7Days"]!.GetValue<int>().ShouldBe(3);

        var asOf = await flow.National.Get($"/api/dashboards/participation?theme={flow.Theme}&at={PortfolioFlow.At(DateTimeOffset.UtcNow)}");
        asOf["total"]!.GetValue<string>().ShouldBe("< 5");
    }

    [Fact]
    public async Task participation_by_period_counts_the_records_whose_period_ends_in_it()
    {
        var flow = new PortfolioFlow(app);
        var pilot = await flow.Propose();
        await flow.Plan(pilot);
        await flow.Participation(pilot, PortfolioFlow.Today.AddDays(-2), 14);
        await flow.Participation(pilot, PortfolioFlow.Today.AddDays(-40), 30, "30to64");

        var week = await flow.Auditor.Get(
            $"/api/dashboards/participation?theme={flow.Theme}&from={PortfolioFlow.Today.AddDays(-6):yyyy-MM-dd}&to={PortfolioFlow.Today:yyyy-MM-dd}");
        week["total"]!.GetValue<int>().ShouldBe(14);
        week["byAgeBand"]!["30to64"]!.GetValue<int>().ShouldBe(0);
        week["reachGaps"]!.AsArray().Select(g => g!["key"]!.GetValue<string>()).ShouldContain("30to64");
        var all = await flow.Auditor.Get($"/api/dashboards/participation?theme={flow.Theme}&from={PortfolioFlow.Today.AddDays(-60):yyyy-MM-dd}");
        all["total"]!.GetValue<int>().ShouldBe(44);
        (await flow.Auditor.Get($"/api/dashboards/participation?theme={flow.Theme}&from=2026-05-02&to=2026-05-01", 400)).ShouldBeProblem(400);
    }

    [Fact]
    public async Task every_dashboard_as_of_a_moment_equals_what_it_showed_at_that_moment()
    {
        var flow = new PortfolioFlow(app);
        var project = await flow.Project();
        var a = await flow.Propose(project);
        await flow.Plan(a, PortfolioFlow.DigitalGoal);
        await flow.Pilot(a, PortfolioFlow.Today.AddDays(-20), PortfolioFlow.Today.AddDays(-2));
        await flow.Measure(a, 18, PortfolioFlow.Today.AddDays(-5));
        await flow.Factors(a, 4, 4, 4, 4, 4, 4, 4);
        await flow.Participation(a, PortfolioFlow.Today.AddDays(-3), 12);
        var b = await flow.Propose(project, "Palvelutori");
        await flow.Plan(b);
        await flow.Factors(b, 2, 2, 2, 2, 2, 2, 2);
        await flow.Discontinue(b);
        var c = await flow.Propose(project, "Alkuarviointilomake");
        await flow.Plan(c, PortfolioFlow.DigitalGoal);
        await flow.Pilot(c, PortfolioFlow.Today.AddDays(-3), PortfolioFlow.Today.AddDays(40));
        await flow.Participation(c, PortfolioFlow.Today.AddDays(-1), 7, "18to29");
        await flow.CaughtUp();

        var urls = new[]
        {
            $"/api/dashboards/funnel?theme={flow.Theme}", $"/api/dashboards/pilots?theme={flow.Theme}",
            $"/api/dashboards/participation?theme={flow.Theme}", $"/api/dashboards/factors?theme={flow.Theme}",
            $"/api/dashboards/goals?projectId={project}", "/api/dashboards/counties",
        };
        var then = new List<string>();
        foreach (var url in urls) then.Add(Strip(await flow.National.Get(url)).ToJsonString());
        var moment = await PortfolioFlow.Moment();

        await flow.Measure(a, 29, PortfolioFlow.Today.AddDays(-1));
        await flow.Adopt(a);
        await flow.Participation(c, PortfolioFlow.Today, 20, "under18");
        await flow.Factors(c, 5, 5, 5, 5, 5, 5, 5);
        await flow.Propose(project, "Uusi idea");
        await flow.CaughtUp();

        for (var i = 0; i < urls.Length; i++)
        {
            var now = Strip(await flow.National.Get(urls[i])).ToJsonString();
            now.ShouldNotBe(then[i], $"{urls[i]} did not move, so the test proves nothing for it");
            var asOf = Strip(await flow.National.Get($"{urls[i]}{(urls[i].Contains('?') ? '&' : '?')}at={PortfolioFlow.At(moment)}")).ToJsonString();
            asOf.ShouldBe(then[i], urls[i]);
        }
    }

    private static JsonNode Factor(JsonNode factors, string name) =>
        factors["factors"]!.AsArray().Single(f => f!["factor"]!.GetValue<string>() == name)!;

    private static JsonNode Row(JsonNode comparison, string county) =>
        comparison["counties"]!.AsArray().Single(r => r!["county"]!.GetValue<string>() == county)!;

    /// <summary>The figures alone: without when they were stored or asked for, cards in id order.</summary>
    private static JsonNode Strip(JsonNode node)
    {
        var copy = node.DeepClone();
        Walk(copy);
        return copy;

        static void Walk(JsonNode? n)
        {
            if (n is JsonObject o)
            {
                o.Remove("updatedAt");
                o.Remove("at");
                foreach (var (_, child) in o.ToList()) Walk(child);
                if (o["pilots"] is JsonArray pilots)
                    o["pilots"] = new JsonArray(pilots.Select(p => p!.DeepClone()).OrderBy(p => p["experimentId"]!.GetValue<string>()).ToArray());
            }
            else if (n is JsonArray a) foreach (var child in a) Walk(child);
        }
    }
}
