using ProjectLedger.Tests.Infrastructure;
using Shouldly;

namespace ProjectLedger.Tests.Portfolio;

[Collection(LedgerCollection.Name)]
public sealed class ExperimentListTests(LedgerApp app)
{
    [Fact]
    public async Task the_list_searches_titles_sorts_by_any_column_and_filters_as_the_counts_do()
    {
        var flow = new PortfolioFlow(app);
        var project = await flow.Project();
        var adopted = await flow.Propose(project, "Chat-neuvonta B");
        await flow.Plan(adopted, PortfolioFlow.DigitalGoal);
        await flow.Pilot(adopted, PortfolioFlow.Today.AddDays(-40), PortfolioFlow.Today);
        await flow.Adopt(adopted);
        var dropped = await flow.Propose(project, "chat-tuki A");
        await flow.Plan(dropped);
        await flow.Discontinue(dropped);
        var idea = await flow.Propose(project, "Palvelutori C");
        var planned = await flow.Propose(project, "Neuvontapiste D");
        await flow.Plan(planned);

        var page = await flow.National.Get($"/api/experiments?theme={flow.Theme}&search=CHAT&sort=title&dir=asc");
        page["total"]!.GetValue<int>().ShouldBe(2);
        page["items"]!.AsArray().Select(i => i!["title"]!.GetValue<string>()).ShouldBe(["Chat-neuvonta B", "chat-tuki A"]);

        // Stages sort in the order an experiment lives them, not by name (Adopted, Discontinued, Idea, Planned).
        var byStage = await flow.National.Get($"/api/experiments?theme={flow.Theme}&sort=stage&dir=asc");
        byStage["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()).ShouldBe([idea, planned, adopted, dropped]);
        var byStageDown = await flow.National.Get($"/api/experiments?theme={flow.Theme}&sort=stage&dir=desc");
        byStageDown["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()).ShouldBe([dropped, adopted, planned, idea]);

        var reachedPlan = await flow.National.Get($"/api/experiments?theme={flow.Theme}&reached=Planned");
        reachedPlan["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()).ShouldBe([adopted, dropped, planned], ignoreOrder: true);
        var adoptedInCounty = await flow.National.Get($"/api/experiments?county={flow.County}&theme={flow.Theme}&stage=Adopted");
        adoptedInCounty["items"]!.AsArray().Single()!["id"]!.GetValue<Guid>().ShouldBe(adopted);
        var serving = await flow.National.Get($"/api/experiments?projectId={project}&goal={Uri.EscapeDataString(PortfolioFlow.DigitalGoal)}");
        serving["items"]!.AsArray().Single()!["id"]!.GetValue<Guid>().ShouldBe(adopted);

        (await flow.National.Get("/api/experiments?sort=salary", 400)).ShouldBeProblem(400);
        (await flow.National.Get("/api/experiments?reached=Nowhere", 400)).ShouldBeProblem(400);
    }
}
