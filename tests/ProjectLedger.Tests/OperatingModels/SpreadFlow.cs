using System.Text.Json.Nodes;
using Alba;
using ProjectLedger.Tests.Experiments;
using ProjectLedger.Tests.Infrastructure;
using Shouldly;

namespace ProjectLedger.Tests.OperatingModels;

/// <summary>Given-steps for lineage and the catalogue over HTTP, with a marker unique to the test in every title.</summary>
public sealed class SpreadFlow(LedgerApp app)
{
    public readonly string Marker = "malli-" + Guid.NewGuid().ToString("N")[..10];
    public readonly string Theme = "levinnyt-" + Guid.NewGuid().ToString("N")[..8];

    public Api Office(string county, string user = "test-user") => new Api(app).As(Api.Office, county, user);

    /// <summary>An adopted experiment in the county whose title and operating model carry the marker.</summary>
    public async Task<Guid> AdoptedAsync(string county, string title)
    {
        var api = Office(county);
        var id = (await api.Post("/api/experiments", Proposal(county, title), 201))["id"]!.GetValue<Guid>();
        await Through(api, id);
        return id;
    }

    public object Proposal(string county, string title) => new
    {
        title = $"{title} {Marker}",
        problem = "Asiakkaat eivät löydä palvelua yhdellä yhteydenotolla.",
        county,
        themes = new[] { Theme, "palveluohjaus" },
        proposedByRole = "palveluesihenkilö",
    };

    public async Task<Guid> AdaptAsync(Guid origin, string county, string title, int status = 201)
    {
        var created = await Office(county).Post($"/api/experiments/{origin}/adaptations", Proposal(county, title), status);
        return status == 201 ? created["id"]!.GetValue<Guid>() : Guid.Empty;
    }

    /// <summary>Plan, pilot (with participation), evaluation, adoption of an experiment at Idea.</summary>
    public async Task Through(Api api, Guid id, Dictionary<string, int>? byKind = null, Dictionary<string, int>? byAgeBand = null)
    {
        await api.Post($"/api/experiments/{id}/plan", ExperimentBodies.Plan(), 200);
        await api.Post($"/api/experiments/{id}/pilot", ExperimentBodies.Pilot(), 200);
        await api.Post($"/api/experiments/{id}/participation", new
        {
            periodStart = "2026-03-02", periodEnd = "2026-03-29", way = "planning", channel = "digital",
            byKind = byKind ?? new Dictionary<string, int> { ["client"] = 40, ["experienceExpert"] = 3, ["professional"] = 9 },
            byAgeBand = byAgeBand ?? new Dictionary<string, int> { ["under18"] = 0, ["18to29"] = 2, ["30to64"] = 30, ["65plus"] = 20 },
        }, 200);
        await api.Post($"/api/experiments/{id}/pilot/end", new { ended = "2026-08-31" }, 200);
        await api.Post($"/api/experiments/{id}/evaluation", ExperimentBodies.Evaluation("adopt"), 200);
        await api.Post($"/api/experiments/{id}/adopt", ExperimentBodies.Adoption(), 200);
    }

    public Task<JsonNode> PublishAsync(Guid id, string county, bool includeLessons = false, string rationale = "Malli on valmis muiden alueiden käyttöön") =>
        Office(county).Post($"/api/experiments/{id}/publication", new { includeLessons, rationale }, 200);

    /// <summary>An anonymous GET: the status, the Cache-Control header and the body as text.</summary>
    public async Task<(int Status, string CacheControl, string ContentType, string Body)> Anonymous(string url)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.IgnoreStatusCode();
        });
        var response = result.Context.Response;
        return (response.StatusCode, response.Headers.CacheControl.ToString(), response.ContentType ?? "", await result.ReadAsTextAsync());
    }

    public async Task<JsonNode> AnonymousJson(string url)
    {
        var (status, _, _, body) = await Anonymous(url);
        status.ShouldBe(200, body);
        return JsonNode.Parse(body)!;
    }
}
