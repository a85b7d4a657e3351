using ProjectLedger.Tests.Dashboards;
using ProjectLedger.Tests.Infrastructure;
using Shouldly;

namespace ProjectLedger.Tests.Audit;

[Collection(LedgerCollection.Name)]
public sealed class TimeTravelTests(LedgerApp app)
{
    [Fact]
    public async Task the_funnel_at_a_past_time_is_built_from_the_events_up_to_then()
    {
        var flow = new DashboardFlow(app);
        var a = await flow.Propose();
        await flow.Propose();
        var history = await flow.National.Get($"/api/experiments/{a}/history");
        var proposedAt = history[0]!["timestamp"]!.GetValue<DateTimeOffset>();
        await Task.Delay(20);
        var before = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        await flow.Plan(a);
        await flow.CaughtUp();

        var then = await flow.National.Get($"/api/dashboards/funnel?theme={flow.Theme}&at={Uri.EscapeDataString(before.ToString("O"))}");
        then["total"]!.GetValue<int>().ShouldBe(2);
        then["stages"]!.AsArray().Single(s => s!["stage"]!.GetValue<string>() == "Idea")!["current"]!.GetValue<int>().ShouldBe(2);
        then["stages"]!.AsArray().Single(s => s!["stage"]!.GetValue<string>() == "Planned")!["current"]!.GetValue<int>().ShouldBe(0);

        var now = await flow.National.Get($"/api/dashboards/funnel?theme={flow.Theme}");
        now["stages"]!.AsArray().Single(s => s!["stage"]!.GetValue<string>() == "Planned")!["current"]!.GetValue<int>().ShouldBe(1);

        var beforeAnything = await flow.National.Get(
            $"/api/dashboards/funnel?theme={flow.Theme}&at={Uri.EscapeDataString(proposedAt.AddSeconds(-1).ToString("O"))}");
        beforeAnything["total"]!.GetValue<int>().ShouldBe(0);
    }
}
