using ProjectLedger.Experiments;
using ProjectLedger.Tests.Infrastructure;
using Shouldly;

namespace ProjectLedger.Tests.Experiments;

[Collection(LedgerCollection.Name)]
public sealed class LifecycleSmokeTests(LedgerApp app)
{
    private readonly Api _api = new(app);

    [Fact]
    public async Task an_experiment_goes_from_idea_to_national_adoption()
    {
        var id = (await _api.Post("/api/experiments", new
        {
            title = "Chat-neuvonta sosiaalipalveluihin", problem = "Asiakkaat eivät löydä oikeaa palvelua yhdellä yhteydenotolla.",
            county = "vantaa-kerava", themes = new[] { "chat", "asiakasohjaus" }, proposedByRole = "palveluesihenkilö",
        }, 201))["id"]!.GetValue<Guid>();

        await _api.Post($"/api/experiments/{id}/plan", new
        {
            hypothesis = "Chat vähentää puhelinjonoja", targetGroup = "Sosiaalipalveluiden asiakkaat",
            successCriteria = new[] { new { metric = "Sähköisen asioinnin osuus", baseline = 12, target = 30, unit = "%" } },
            goalsServed = new[] { "Sähköinen asiointi on lisääntynyt" }, participationHours = 120,
        }, 200);
        await _api.Post($"/api/experiments/{id}/stakeholders", new { organisation = "Kokemusasiantuntijat ry", kind = "experienceExpert", roles = new[] { "designedFor" } }, 200);
        await _api.Post($"/api/experiments/{id}/pilot", new { sites = new[] { "Tikkurilan sosiaaliasema" }, start = "2026-03-01", plannedEnd = "2026-08-31", channels = new[] { "chat" } }, 200);
        await _api.Post($"/api/experiments/{id}/participation", new
        {
            periodStart = "2026-03-01", periodEnd = "2026-03-31", way = "development", channel = "digital",
            byKind = new Dictionary<string, int> { ["client"] = 100, ["experienceExpert"] = 4 },
            byAgeBand = new Dictionary<string, int> { ["30to64"] = 60, ["65plus"] = 44 },
        }, 200);
        await _api.Post($"/api/experiments/{id}/sessions", new
        {
            kind = "experienceExpertClinic", date = "2026-04-10", theme = "Palautteen kerääminen chat-piloteista",
            attendeesByKind = new Dictionary<string, int> { ["experienceExpert"] = 6, ["professional"] = 3 }, insights = new[] { "Chatin aukioloajat näkyviin" },
        }, 200);
        await _api.Post($"/api/experiments/{id}/measurements", new { metric = "Sähköisen asioinnin osuus", value = 31, at = "2026-08-31" }, 200);
        await _api.Post($"/api/experiments/{id}/feedback", new { channel = "chat", score = 4, themes = new[] { "nopeus" } }, 200);
        await _api.Post($"/api/experiments/{id}/success-factors", new
        {
            individual = new { competence = 4, commitment = 5 },
            organisation = new { leadership = 4, trustAndCollaboration = 4, flexibleWork = 3, processEmbedding = 3, resourcing = 2 },
        }, 200);
        await _api.Post($"/api/experiments/{id}/pilot/end", new { ended = "2026-08-31" }, 200);
        await _api.Post($"/api/experiments/{id}/evaluation", new
        {
            criteria = new[] { new { metric = "Sähköisen asioinnin osuus", met = true, note = "31 %" } }, verdict = "adopt", lessons = "Ohjaus chattiin vaatii henkilöstön sitoutumista.",
        }, 200);
        await _api.Post($"/api/experiments/{id}/adopt", new
        {
            scope = "County", processes = new[] { "Sosiaalipalveluiden neuvonta" }, operatingModel = new { title = "Chat-neuvonnan toimintamalli", link = "https://innokyla.fi/fi/toimintamalli/chat" },
            rationale = "Tavoite saavutettiin",
        }, 200);
        var widened = await _api.Post($"/api/experiments/{id}/adoption-scope", new { scope = "National", rationale = "Innokylässä jaettu malli otettiin käyttöön muillakin alueilla" }, 200);

        var state = await _api.Get($"/api/experiments/{id}");
        state["stage"]!.GetValue<string>().ShouldBe("Adopted");
        state["adoption"]!["scope"]!.GetValue<string>().ShouldBe("National");
        state["participation"]!["byAgeBand"]!["65plus"]!.GetValue<int>().ShouldBe(44);
        state["version"]!.GetValue<long>().ShouldBe(widened["version"]!.GetValue<long>());

        var history = (await _api.Get($"/api/experiments/{id}/history")).AsArray();
        history.Count.ShouldBe((int)state["version"]!.GetValue<long>());
        history.Count(h => h!["type"]!.GetValue<string>() == nameof(StageGateDecided)).ShouldBe(4);
        history[0]!["metadata"]!["hash"]!.GetValue<string>().Length.ShouldBe(64);
        history[1]!["metadata"]!["previousHash"]!.GetValue<string>().ShouldBe(history[0]!["metadata"]!["hash"]!.GetValue<string>());

        var asOf = await _api.Get($"/api/experiments/{id}/as-of?version=3");
        asOf["stage"]!.GetValue<string>().ShouldBe("Planned");
        var late = new
        {
            periodStart = "2026-09-01", periodEnd = "2026-09-30", way = "implementation", channel = "digital",
            byKind = new Dictionary<string, int> { ["client"] = 5 }, byAgeBand = new Dictionary<string, int> { ["65plus"] = 5 },
        };
        (await _api.Post($"/api/experiments/{id}/participation", late, 409))["currentStage"]!.GetValue<string>().ShouldBe("Adopted");
    }
}
