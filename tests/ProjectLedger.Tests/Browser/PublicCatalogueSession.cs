using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using ProjectLedger.Tests.Experiments;
using ProjectLedger.Tests.Infrastructure;
using ProjectLedger.Tests.Processes;
using Shouldly;

namespace ProjectLedger.Tests.Browser;

/// <summary>
/// One app process with two published models (Etelä-Savo's platform, adapted and adopted in
/// Pirkanmaa and published there too, and adapted again in Lappi), one unpublished adopted model,
/// and Debian's Chromium: for the public catalogue's browser tests.
/// </summary>
public sealed class PublicCatalogueSession : IAsyncLifetime
{
    public AppProcess App { get; private set; } = null!;
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public readonly string Marker = "selain" + Guid.NewGuid().ToString("N")[..6];
    public Guid Origin { get; private set; }
    public Guid Adaptation { get; private set; }
    public string UnpublishedTitle => $"Julkaisematon kokeilu {Marker}";

    public async Task InitializeAsync()
    {
        File.Exists(BrowserSession.ChromiumPath).ShouldBeTrue($"{BrowserSession.ChromiumPath} is missing");
        App = await AppProcess.Start();
        Origin = await Adopted("etela-savo", $"Sociala-palvelualusta {Marker}");
        await Post("etela-savo", $"/api/experiments/{Origin}/publication", new { includeLessons = true, rationale = "Jaetaan muille alueille" });
        Adaptation = await Created("pirkanmaa", $"/api/experiments/{Origin}/adaptations", Proposal("pirkanmaa", $"Kotitori {Marker}"));
        await Through("pirkanmaa", Adaptation);
        await Post("pirkanmaa", $"/api/experiments/{Adaptation}/publication", new { includeLessons = false, rationale = "Kotitori julkiseksi" });
        await Created("lappi", $"/api/experiments/{Adaptation}/adaptations", Proposal("lappi", $"Lapin palvelutori {Marker}"));
        await Adopted("helsinki", UnpublishedTitle);

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserSession.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(BrowserSession.ScreenshotDir);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        Playwright?.Dispose();
        if (App is not null) await App.DisposeAsync();
    }

    private object Proposal(string county, string title) => new
    {
        title, problem = "Palveluohjaus, palvelutilaukset ja asiakaspalaute ovat hajallaan järjestöjen ja yritysten kesken.",
        county, themes = new[] { "palveluohjaus", Marker }, proposedByRole = "kehittämispäällikkö",
    };

    private async Task<Guid> Adopted(string county, string title)
    {
        var id = await Created(county, "/api/experiments", Proposal(county, title));
        await Through(county, id);
        return id;
    }

    private async Task Through(string county, Guid id)
    {
        await Post(county, $"/api/experiments/{id}/plan", ExperimentBodies.Plan());
        await Post(county, $"/api/experiments/{id}/pilot", ExperimentBodies.Pilot());
        await Post(county, $"/api/experiments/{id}/participation", ExperimentBodies.Myllypuro());
        await Post(county, $"/api/experiments/{id}/participation", new
        {
            periodStart = "2026-04-01", periodEnd = "2026-04-30", way = "evaluation", channel = "inPerson",
            byKind = new Dictionary<string, int> { ["experienceExpert"] = 3 },
            byAgeBand = new Dictionary<string, int> { ["30to64"] = 3 },
        });
        await Post(county, $"/api/experiments/{id}/pilot/end", new { ended = "2026-08-31" });
        await Post(county, $"/api/experiments/{id}/evaluation", ExperimentBodies.Evaluation("adopt"));
        await Post(county, $"/api/experiments/{id}/adopt", ExperimentBodies.Adoption("County"));
    }

    private async Task<Guid> Created(string county, string url, object body) => (await Post(county, url, body, 201))["id"]!.GetValue<Guid>();

    private async Task<JsonNode> Post(string county, string url, object body, int expected = 200)
    {
        using var client = App.Client("projectOffice", county, "selaintesti");
        using var response = await client.PostAsJsonAsync(url, body, Api.Json);
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(expected, $"POST {url} answered {text}");
        return JsonNode.Parse(text)!;
    }
}
