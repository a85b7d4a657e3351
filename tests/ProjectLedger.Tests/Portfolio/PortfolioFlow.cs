using Marten.Events;
using System.Text.Json.Nodes;
using ProjectLedger.Tests.Infrastructure;

namespace ProjectLedger.Tests.Portfolio;

/// <summary>Experiments of a project, in a county, tagged with a theme unique to the test, brought along their path over HTTP.</summary>
public sealed class PortfolioFlow(LedgerApp app, string county = "etela-savo")
{
    public const string DigitalGoal = "Sähköinen asiointi digitaalisissa kanavissa on lisääntynyt";
    public readonly string Theme = "salkku-" + Guid.NewGuid().ToString("N")[..10];
    public string County => county;
    public Api Office { get; } = new Api(app).As("projectOffice", county);
    public Api National { get; } = new Api(app).As("leadership", "*");
    public Api CountyLeadership { get; } = new Api(app).As("leadership", county);
    public Api Auditor { get; } = new Api(app).As("auditor", "*");

    public async Task<Guid> Project()
    {
        var created = await Office.Post("/api/projects", new
        {
            name = "DigiSote " + Theme, county, programme = "Tulevaisuuden sosiaali- ja terveyskeskus",
            workstreams = new[]
            {
                new
                {
                    name = "Neuvonta ja asiakasohjaus",
                    goals = new object[]
                    {
                        new { indicator = DigitalGoal, baseline = 12, target = 30, unit = "%" },
                        new { indicator = "Varhaisen tunnistamisen toimintamallit ovat laajemmin käytössä", baseline = 2, target = 6, unit = "toimintamallia" },
                    },
                },
            },
        }, 201);
        return created["id"]!.GetValue<Guid>();
    }

    public async Task<Guid> Propose(Guid? projectId = null, string title = "Chat-neuvonta")
    {
        var created = await Office.Post("/api/experiments", new
        {
            title, problem = "Asiakkaat jonottavat puhelimessa.", county, projectId, workstream = projectId is null ? null : "Neuvonta ja asiakasohjaus",
            themes = new[] { Theme }, proposedByRole = "palveluesihenkilö",
        }, 201);
        return created["id"]!.GetValue<Guid>();
    }

    public Task Plan(Guid id, params string[] goalsServed) => Office.Post($"/api/experiments/{id}/plan", new
    {
        hypothesis = "Chat lisää sähköistä asiointia", targetGroup = "Asiakkaat",
        successCriteria = new[] { new { metric = "Sähköisen asioinnin osuus yhteydenotoista", baseline = 12, target = 30, unit = "%" } },
        goalsServed, participationHours = 40,
    }, 200);

    public Task Pilot(Guid id, DateOnly start, DateOnly plannedEnd) => Office.Post($"/api/experiments/{id}/pilot", new
    {
        sites = new[] { "Mikkelin sote-keskus" }, start = start.ToString("yyyy-MM-dd"), plannedEnd = plannedEnd.ToString("yyyy-MM-dd"), channels = new[] { "chat" },
    }, 200);

    public Task Measure(Guid id, decimal value, DateOnly at) =>
        Office.Post($"/api/experiments/{id}/measurements", new { metric = "Sähköisen asioinnin osuus yhteydenotoista", value, at = at.ToString("yyyy-MM-dd") }, 200);

    public Task Factors(Guid id, int competence, int commitment, int leadership, int trust, int flexible, int embedding, int resourcing) =>
        Office.Post($"/api/experiments/{id}/success-factors", new
        {
            individual = new { competence, commitment },
            organisation = new { leadership, trustAndCollaboration = trust, flexibleWork = flexible, processEmbedding = embedding, resourcing },
        }, 200);

    public Task Participation(Guid id, DateOnly periodEnd, int clients, string ageBand = "65plus") =>
        Office.Post($"/api/experiments/{id}/participation", new
        {
            periodStart = periodEnd.AddDays(-6).ToString("yyyy-MM-dd"), periodEnd = periodEnd.ToString("yyyy-MM-dd"),
            way = "implementation", channel = "digital", byKind = new Dictionary<string, int> { ["client"] = clients },
            byAgeBand = new Dictionary<string, int> { [ageBand] = clients },
        }, 200);

    public async Task Adopt(Guid id)
    {
        await Office.Post($"/api/experiments/{id}/pilot/end", new { ended = Today.ToString("yyyy-MM-dd") }, 200);
        await Office.Post($"/api/experiments/{id}/evaluation", new
        {
            criteria = new[] { new { metric = "Sähköisen asioinnin osuus yhteydenotoista", met = true, note = "31 %" } }, verdict = "adopt", lessons = "Sitoutuminen ratkaisi.",
        }, 200);
        await Office.Post($"/api/experiments/{id}/adopt", new
        {
            scope = "County", processes = new[] { "Neuvonta" }, operatingModel = new { title = "Chat-neuvonnan toimintamalli", link = (string?)null }, rationale = "Tavoite saavutettiin",
        }, 200);
    }

    public Task Discontinue(Guid id) =>
        Office.Post($"/api/experiments/{id}/discontinue", new { reason = "Henkilöstöllä ei ollut aikaa", lessons = "Resursointi ensin." }, 200);

    /// <summary>The projections have every event; on a ledger with none yet there is nothing to wait for (Marten's wait would throw).</summary>
    public async Task CaughtUp()
    {
        if (await app.EventCount() > 0) await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
    }

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public static string At(DateTimeOffset moment) => Uri.EscapeDataString(moment.ToString("O"));

    public static JsonNode Goal(JsonNode goals, Guid projectId, string indicator) =>
        goals["goals"]!.AsArray().Single(g => g!["projectId"]!.GetValue<Guid>() == projectId && g["indicator"]!.GetValue<string>() == indicator)!;

    /// <summary>A moment strictly between what was appended before and what comes after.</summary>
    public static async Task<DateTimeOffset> Moment()
    {
        await Task.Delay(30);
        var moment = DateTimeOffset.UtcNow;
        await Task.Delay(30);
        return moment;
    }
}
