using ProjectLedger.Dashboards;
using ProjectLedger.Tests.Infrastructure;
using Shouldly;

namespace ProjectLedger.Tests.Dashboards;

[Collection(LedgerCollection.Name)]
public sealed class DashboardProjectionTests(LedgerApp app)
{
    [Fact]
    public async Task the_funnel_counts_stages_conversions_and_discontinuation_reasons()
    {
        var flow = new DashboardFlow(app);
        var a = await flow.Propose();
        var b = await flow.Propose();
        var c = await flow.Propose();
        await flow.Plan(a);
        await flow.Plan(b);
        await flow.Pilot(a, DashboardFlow.Today, DashboardFlow.Today.AddDays(60));
        await flow.Discontinue(c, "Henkilöstöllä ei ollut aikaa ohjata asiakkaita digipalveluun");
        await flow.CaughtUp();

        var funnel = await flow.National.Get($"/api/dashboards/funnel?theme={flow.Theme}");
        funnel["scope"]!.GetValue<string>().ShouldBe("theme:" + flow.Theme);
        funnel["total"]!.GetValue<int>().ShouldBe(3);
        Stage(funnel, "Idea")["reached"]!.GetValue<int>().ShouldBe(3);
        Stage(funnel, "Planned")["current"]!.GetValue<int>().ShouldBe(1);
        Stage(funnel, "Planned")["reached"]!.GetValue<int>().ShouldBe(2);
        Stage(funnel, "Piloting")["current"]!.GetValue<int>().ShouldBe(1);
        Stage(funnel, "Discontinued")["current"]!.GetValue<int>().ShouldBe(1);
        Stage(funnel, "Idea")["medianDays"]!.GetValue<decimal>().ShouldBe(0);
        var ideaToPlanned = funnel["conversions"]!.AsArray().Single(x => x!["from"]!.GetValue<string>() == "Idea")!;
        ideaToPlanned["rate"]!.GetValue<decimal>().ShouldBe(0.667m);
        funnel["discontinuationReasons"]![0]!["reason"]!.GetValue<string>().ShouldBe("Henkilöstöllä ei ollut aikaa ohjata asiakkaita digipalveluun");
    }

    [Fact]
    public async Task participation_shows_the_young_were_not_reached_like_leanlab()
    {
        var flow = new DashboardFlow(app, "helsinki");
        var leanLab = await flow.Propose("LeanLab: Myllypuron terveys- ja hyvinvointikeskuksen suunnittelu");
        await flow.Participation(leanLab, DashboardFlow.Today,
            new() { ["client"] = 104 }, new() { ["30to64"] = 60, ["65plus"] = 44 });
        await flow.CaughtUp();

        var participation = await flow.National.Get($"/api/dashboards/participation?theme={flow.Theme}");
        participation["total"]!.GetValue<int>().ShouldBe(104);
        participation["byAgeBand"]!["65plus"]!.GetValue<int>().ShouldBe(44);
        participation["byWay"]!["planning"]!.GetValue<int>().ShouldBe(104);
        var gaps = participation["reachGaps"]!.AsArray().Select(g => $"{g!["dimension"]}:{g["key"]}").ToList();
        gaps.ShouldContain("ageBand:under18");
        gaps.ShouldContain("ageBand:18to29");
        gaps.ShouldNotContain("ageBand:65plus");
        gaps.ShouldContain("kind:ngo");
    }

    [Fact]
    public async Task the_pilots_board_shows_live_pilots_this_weeks_participants_and_overdue_evaluations()
    {
        var flow = new DashboardFlow(app);
        var live = await flow.Propose("Chat-pilotti");
        var late = await flow.Propose("Alkuarviointilomake");
        foreach (var id in new[] { live, late }) await flow.Plan(id);
        await flow.Pilot(live, DashboardFlow.Today.AddDays(-10), DashboardFlow.Today.AddDays(50));
        await flow.Pilot(late, DashboardFlow.Today.AddDays(-100), DashboardFlow.Today.AddDays(-3));
        await flow.Participation(live, DashboardFlow.Today.AddDays(-1), new() { ["client"] = 14 }, new() { ["65plus"] = 14 });
        await flow.Participation(live, DashboardFlow.Today.AddDays(-20), new() { ["client"] = 5 }, new() { ["65plus"] = 5 });
        await flow.CaughtUp();

        var board = await flow.National.Get($"/api/dashboards/pilots?theme={flow.Theme}");
        var pilots = board["pilots"]!.AsArray();
        pilots.Count.ShouldBe(2);
        var livePilot = pilots.Single(p => p!["experimentId"]!.GetValue<Guid>() == live)!;
        livePilot["daysRunning"]!.GetValue<int>().ShouldBe(10);
        livePilot["participantsLast7Days"]!.GetValue<int>().ShouldBe(14);
        livePilot["evaluationOverdue"]!.GetValue<bool>().ShouldBeFalse();
        pilots.Single(p => p!["experimentId"]!.GetValue<Guid>() == late)!["evaluationOverdue"]!.GetValue<bool>().ShouldBeTrue();
        board["evaluationOverdue"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task a_county_user_without_filters_gets_their_own_county_and_not_the_nation()
    {
        var office = new Api(app).As("projectOffice", "vantaa-kerava");
        (await office.Get("/api/dashboards/funnel"))["scope"]!.GetValue<string>().ShouldBe("county:vantaa-kerava");
        (await office.Get("/api/dashboards/funnel?county=helsinki", 403)).ShouldBeProblem(403);
        (await office.Get("/api/dashboards/participation?theme=chat", 403)).ShouldBeProblem(403);
        (await new Api(app).As("leadership", "*").Get("/api/dashboards/pilots?county=atlantis", 400)).ShouldHaveFieldError("county");
    }

    [Fact]
    public void the_median_of_a_histogram_is_the_middle_stay()
    {
        FunnelResponse.Median(new Dictionary<int, int> { [3] = 1 }).ShouldBe(3);
        FunnelResponse.Median(new Dictionary<int, int> { [1] = 1, [4] = 1 }).ShouldBe(2.5m);
        FunnelResponse.Median(new Dictionary<int, int> { [1] = 2, [9] = 1 }).ShouldBe(1);
        FunnelResponse.Median(new Dictionary<int, int> { [1] = 1, [2] = 1, [3] = 1, [40] = 1 }).ShouldBe(2.5m);
        FunnelResponse.Median(new Dictionary<int, int>()).ShouldBeNull();
    }

    private static System.Text.Json.Nodes.JsonNode Stage(System.Text.Json.Nodes.JsonNode funnel, string stage) =>
        funnel["stages"]!.AsArray().Single(s => s!["stage"]!.GetValue<string>() == stage)!;
}
