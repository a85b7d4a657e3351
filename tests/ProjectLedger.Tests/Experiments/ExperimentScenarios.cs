using System.Text.Json.Nodes;
using ProjectLedger.Tests.Infrastructure;
using Shouldly;

namespace ProjectLedger.Tests.Experiments;

/// <summary>
/// Given-steps over HTTP: each brings a fresh experiment to a stage through the real endpoints, so a
/// test starts from a stream the application itself wrote. Data from the Finnish cases in shared/seeds.
/// </summary>
public sealed class ExperimentScenarios(Api api)
{
    public const string Criterion = "Sähköisen asioinnin osuus";
    public const string SecondCriterion = "Yhden yhteydenoton osuus";

    public Api Api { get; } = api;

    public async Task<Guid> ProposeAsync(string county = "vantaa-kerava", string? theme = null, Guid? projectId = null, string? workstream = null)
    {
        var created = await Api.Post("/api/experiments", ExperimentBodies.ChatAdvice(county, theme, projectId, workstream), 201);
        return created["id"]!.GetValue<Guid>();
    }

    public async Task<Guid> PlanAsync(string county = "vantaa-kerava", string? theme = null)
    {
        var id = await ProposeAsync(county, theme);
        await Api.Post($"/api/experiments/{id}/plan", ExperimentBodies.Plan(), 200);
        return id;
    }

    public async Task<Guid> PilotAsync(string county = "vantaa-kerava", string? theme = null)
    {
        var id = await PlanAsync(county, theme);
        await Api.Post($"/api/experiments/{id}/pilot", ExperimentBodies.Pilot(), 200);
        return id;
    }

    public async Task<Guid> EvaluateAsync(string county = "vantaa-kerava", string? theme = null)
    {
        var id = await PilotAsync(county, theme);
        await Api.Post($"/api/experiments/{id}/pilot/end", new { ended = "2026-08-31" }, 200);
        return id;
    }

    /// <summary>Evaluating, with an evaluation of the given verdict ("revise" moves it back to Planned).</summary>
    public async Task<Guid> EvaluatedAsync(string verdict, string county = "vantaa-kerava", string? theme = null)
    {
        var id = await EvaluateAsync(county, theme);
        await Api.Post($"/api/experiments/{id}/evaluation", ExperimentBodies.Evaluation(verdict), 200);
        return id;
    }

    public async Task<Guid> AdoptAsync(string scope = "Unit", string county = "vantaa-kerava", string? theme = null)
    {
        var id = await EvaluatedAsync("adopt", county, theme);
        await Api.Post($"/api/experiments/{id}/adopt", ExperimentBodies.Adoption(scope), 200);
        return id;
    }

    public async Task<Guid> DiscontinueAsync(string county = "vantaa-kerava", string? theme = null)
    {
        var id = await PlanAsync(county, theme);
        await Api.Post($"/api/experiments/{id}/discontinue", ExperimentBodies.Discontinuation(), 200);
        return id;
    }

    public async Task<Guid> HoldAsync(Func<Task<Guid>> given)
    {
        var id = await given();
        await Api.Post($"/api/experiments/{id}/hold", new { reason = "Henkilöstöpula: chat-vuorojen resursointi puuttuu" }, 200);
        return id;
    }

    public async Task<JsonNode> StateAsync(Guid id) => await Api.Get($"/api/experiments/{id}");

    public async Task<string> StageAsync(Guid id) => (await StateAsync(id))["stage"]!.GetValue<string>();

    public async Task<long> VersionAsync(Guid id) => (await StateAsync(id))["version"]!.GetValue<long>();
}

/// <summary>Request bodies with realistic data: Vantaa–Kerava's chat advice, Helsinki's LeanLab Myllypuro, Tampere's Kotitori.</summary>
public static class ExperimentBodies
{
    public static object ChatAdvice(string county = "vantaa-kerava", string? theme = null, Guid? projectId = null, string? workstream = null) => new
    {
        title = "Chat-neuvonta sosiaalipalveluihin",
        problem = "Asukkaat eivät löydä oikeaa palvelua yhdellä yhteydenotolla; puhelinjonot ovat pitkiä.",
        county,
        projectId,
        workstream,
        themes = theme is null ? new[] { "chat", "asiakasohjaus" } : new[] { "chat", theme },
        proposedByRole = "neuvonnan ja asiakasohjauksen kärjen asiantuntija",
    };

    public static object Plan(params string[] metrics) => new
    {
        hypothesis = "Chat-kanava lisää sähköistä asiointia ja ohjaa asukkaan palveluun yhdellä yhteydenotolla",
        targetGroup = "Vantaan ja Keravan sosiaalipalveluiden asiakkaat",
        successCriteria = (metrics.Length == 0 ? [ExperimentScenarios.Criterion, ExperimentScenarios.SecondCriterion] : metrics).Select(m => m == ExperimentScenarios.SecondCriterion
            ? new { metric = m, baseline = 55m, target = 75m, unit = "%" }
            : new { metric = m, baseline = 12m, target = 30m, unit = "%" }).ToArray(),
        goalsServed = new[] { "Sähköinen asiointi digitaalisilla kanavilla on lisääntynyt", "Palveluihin ohjaudutaan yhden yhteydenoton toimintamallilla" },
        participationHours = 120,
    };

    public static object Pilot() => new
    {
        sites = new[] { "Tikkurilan sosiaali- ja terveysasema", "Keravan sote-keskus" },
        start = "2026-03-02",
        plannedEnd = "2026-08-31",
        channels = new[] { "chat", "puhelin" },
    };

    /// <summary>LeanLab Myllypuro: 104 residents on a web platform, over 40 % over 65, no young people reached.</summary>
    public static Dictionary<string, object?> Myllypuro(long? expectedVersion = null, string? reason = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["periodStart"] = "2026-03-02",
            ["periodEnd"] = "2026-03-29",
            ["way"] = "planning",
            ["channel"] = "digital",
            ["byKind"] = new Dictionary<string, int> { ["client"] = 104 },
            ["byAgeBand"] = new Dictionary<string, int> { ["under18"] = 0, ["18to29"] = 12, ["30to64"] = 48, ["65plus"] = 44 },
        };
        if (expectedVersion is not null) body["expectedVersion"] = expectedVersion;
        if (reason is not null) body["reason"] = reason;
        return body;
    }

    public static object ExperienceExpertClinic() => new
    {
        kind = "experienceExpertClinic",
        date = "2026-04-14",
        theme = "Palautteen kerääminen chat-piloteista",
        attendeesByKind = new Dictionary<string, int> { ["experienceExpert"] = 6, ["professional"] = 4 },
        insights = new[] { "Chatin aukioloajat näkyviin etusivulle", "Selkokielinen ensivastaus" },
    };

    public static object Evaluation(string verdict) => new
    {
        criteria = new[]
        {
            new { metric = ExperimentScenarios.Criterion, met = verdict == "adopt", note = "31 % elokuussa" },
            new { metric = ExperimentScenarios.SecondCriterion, met = false, note = "68 %" },
        },
        verdict,
        lessons = "Ohjaus chattiin vaatii henkilöstön sitoutumista ja resursoitua aikaa osallisuustyölle.",
    };

    public static object Adoption(string scope = "Unit") => new
    {
        scope,
        processes = new[] { "Sosiaalipalveluiden neuvonta", "Asiakasohjaus" },
        operatingModel = new { title = "Chat-neuvonnan toimintamalli", link = "https://innokyla.fi/fi/toimintamalli/chat-neuvonta" },
        rationale = "Sähköisen asioinnin tavoite saavutettiin; malli juurrutetaan neuvonnan prosessiin",
    };

    public static object Discontinuation() => new
    {
        reason = "Nuoria ei tavoitettu monikanavaisesta rekrytoinnista huolimatta",
        lessons = "Tavoitettavuus on suunniteltava kohderyhmän kanssa alusta alkaen.",
    };
}

public static class ExperimentAssertions
{
    /// <summary>Runs a command that must be rejected and checks the stream has exactly the events it had before.</summary>
    public static async Task<JsonNode> ShouldStoreNothing(this LedgerApp app, Guid id, Func<Task<JsonNode>> when)
    {
        var before = await app.StreamEvents(id);
        var problem = await when();
        var after = await app.StreamEvents(id);
        after.Count.ShouldBe(before.Count, $"a rejected command stored {after.Count - before.Count} event(s)");
        return problem;
    }

    public static JsonNode ShouldBeWrongStage(this JsonNode problem, string currentStage)
    {
        problem.ShouldBeProblem(409);
        problem["currentStage"]!.GetValue<string>().ShouldBe(currentStage);
        problem["detail"]!.GetValue<string>().ShouldContain(currentStage);
        return problem;
    }

    public static IReadOnlyList<string> AllowedCommands(this JsonNode problem) =>
        problem["allowedCommands"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();

    public static IReadOnlyList<string> Messages(this JsonNode problem, string field) =>
        problem["errors"]![field]!.AsArray().Select(m => m!.GetValue<string>()).ToList();
}
