using ProjectLedger.Tests.Infrastructure;
using ProjectLedger.Tests.Portfolio;
using Shouldly;

namespace ProjectLedger.Tests.Dashboards;

/// <summary>The live dashboards are sent again from DashboardCache while the projection has not moved: never to the wrong reader, never stale.</summary>
[Collection(LedgerCollection.Name)]
public sealed class DashboardCacheTests(LedgerApp app)
{
    [Fact]
    public async Task what_an_auditor_read_is_never_sent_to_a_reader_who_sees_small_counts_hidden()
    {
        var flow = new PortfolioFlow(app);
        var id = await flow.Propose();
        await flow.Participation(id, PortfolioFlow.Today, 2);
        await flow.CaughtUp();
        var path = $"/api/dashboards/participation?theme={flow.Theme}";

        (await flow.Auditor.Get(path))["total"]!.GetValue<int>().ShouldBe(2);
        (await flow.National.Get(path))["total"]!.GetValue<string>().ShouldBe("< 5");
        (await flow.Auditor.Get(path))["total"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public async Task a_dashboard_read_again_after_a_change_shows_the_change()
    {
        var flow = new PortfolioFlow(app);
        var id = await flow.Propose();
        await flow.Participation(id, PortfolioFlow.Today, 7);
        await flow.CaughtUp();
        var path = $"/api/dashboards/participation?theme={flow.Theme}";
        (await flow.National.Get(path))["total"]!.GetValue<int>().ShouldBe(7);
        (await flow.National.Get(path))["total"]!.GetValue<int>().ShouldBe(7);

        await flow.Participation(id, PortfolioFlow.Today, 8);
        await flow.CaughtUp();

        (await flow.National.Get(path))["total"]!.GetValue<int>().ShouldBe(15);
    }
}
