using System.Text.Json.Nodes;
using ProjectLedger.Tests.Infrastructure;
using Shouldly;

namespace ProjectLedger.Tests.Portfolio;

[Collection(LedgerCollection.Name)]
public sealed class PrivateCountExperimentTests(LedgerApp app)
{
    /// <summary>
    /// The experiment page (its state, a past version of it and its history) showed participation of
    /// 1–4 people as it was recorded. Now only auditors see those counts; leadership and the project
    /// office — also the office that recorded them, as on the dashboards — see "&lt; 5", and 0 stays 0.
    /// </summary>
    [Fact]
    public async Task an_experiments_participation_of_one_to_four_people_is_under_five_to_all_but_auditors()
    {
        var flow = new PortfolioFlow(app);
        var id = await flow.Propose();
        await flow.Plan(id);
        await flow.Pilot(id, PortfolioFlow.Today.AddDays(-10), PortfolioFlow.Today.AddDays(30));
        await flow.Participation(id, PortfolioFlow.Today.AddDays(-1), 3);

        foreach (var reader in new[] { flow.Office, flow.CountyLeadership, flow.National })
        {
            var seen = (await reader.Get($"/api/experiments/{id}"))["participation"]!;
            seen["total"]!.GetValue<string>().ShouldBe("< 5", reader.Role);
            seen["byKind"]!["client"]!.GetValue<string>().ShouldBe("< 5");
            seen["byAgeBand"]!["65plus"]!.GetValue<string>().ShouldBe("< 5");
            seen["byKind"]!["professional"]!.GetValue<int>().ShouldBe(0);
            var record = Recorded(await reader.Get($"/api/experiments/{id}/history"));
            record["byKind"]!["client"]!.GetValue<string>().ShouldBe("< 5");
            record["total"]!.GetValue<string>().ShouldBe("< 5");
        }
        var audited = await flow.Auditor.Get($"/api/experiments/{id}");
        audited["participation"]!["total"]!.GetValue<int>().ShouldBe(3);
        audited["participation"]!["byKind"]!["client"]!.GetValue<int>().ShouldBe(3);
        Recorded(await flow.Auditor.Get($"/api/experiments/{id}/history"))["byKind"]!["client"]!.GetValue<int>().ShouldBe(3);
        var version = audited["version"]!.GetValue<long>();
        (await flow.Auditor.Get($"/api/experiments/{id}/as-of?version={version}"))["participation"]!["total"]!.GetValue<int>().ShouldBe(3);

        await flow.Participation(id, PortfolioFlow.Today, 9);
        var grown = (await flow.Office.Get($"/api/experiments/{id}"))["participation"]!;
        grown["total"]!.GetValue<int>().ShouldBe(12);
        grown["byKind"]!["client"]!.GetValue<int>().ShouldBe(12);
        var then = (await flow.National.Get($"/api/experiments/{id}/as-of?version={version}"))["participation"]!;
        then["total"]!.GetValue<string>().ShouldBe("< 5");
    }

    private static JsonNode Recorded(JsonNode history) =>
        history.AsArray().First(e => e!["type"]!.GetValue<string>() == "ParticipationRecorded")!["data"]!;
}
