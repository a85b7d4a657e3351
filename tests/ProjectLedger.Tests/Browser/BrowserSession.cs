using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using ProjectLedger.Tests.Infrastructure;
using ProjectLedger.Tests.Processes;
using Shouldly;
using Xunit.Abstractions;

namespace ProjectLedger.Tests.Browser;

/// <summary>
/// One app process (AppProcess) with a few experiments in vantaa-kerava, and Debian's Chromium driven
/// by Playwright, shared by the browser tests of a class. Never `playwright install`: the browser is
/// /usr/bin/chromium (ops/test installs it with ensure_chromium).
/// </summary>
public sealed class BrowserSession : IAsyncLifetime
{
    public const string County = "vantaa-kerava";
    public const string ChromiumPath = "/usr/bin/chromium";

    public static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    public AppProcess App { get; private set; } = null!;
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public HttpClient Office { get; private set; } = null!;
    public readonly string Theme = "selain-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Seeded: one live pilot with participation, one idea, one discontinued experiment.</summary>
    public Guid PilotId { get; private set; }
    public int SeededTotal { get; private set; }
    public TimeSpan StartUp { get; private set; }

    public static string ScreenshotDir => Path.Combine(AppProcess.RepositoryRoot(), ".ledger", "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (ops/test does, via ensure_chromium).");
        var clock = Stopwatch.StartNew();
        App = await AppProcess.Start();
        Office = App.Client("projectOffice", County, "selaintesti");
        await Seed();
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-quic", "--no-first-run",
            ],
        });
        Directory.CreateDirectory(ScreenshotDir);
        StartUp = clock.Elapsed;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        Playwright?.Dispose();
        Office?.Dispose();
        if (App is not null) await App.DisposeAsync();
    }

    private async Task Seed()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        PilotId = await Propose("Chat-neuvonta perhekeskukseen");
        await Post($"/api/experiments/{PilotId}/plan", new
        {
            hypothesis = "Chat vähentää puhelinjonoja", targetGroup = "Lapsiperheet",
            successCriteria = new[] { new { metric = "Sähköisen asioinnin osuus", baseline = 12, target = 30, unit = "%" } },
            participationHours = 40,
        });
        await Post($"/api/experiments/{PilotId}/pilot", new
        {
            sites = new[] { "Tikkurilan perhekeskus" }, start = today.AddDays(-20).ToString("yyyy-MM-dd"),
            plannedEnd = today.AddDays(40).ToString("yyyy-MM-dd"), channels = new[] { "verkkoalusta" },
        });
        await Post($"/api/experiments/{PilotId}/participation", new
        {
            periodStart = today.AddDays(-6).ToString("yyyy-MM-dd"), periodEnd = today.ToString("yyyy-MM-dd"),
            way = "planning", channel = "digital",
            byKind = new Dictionary<string, int> { ["client"] = 30, ["experienceExpert"] = 5, ["professional"] = 10 },
            byAgeBand = new Dictionary<string, int> { ["under18"] = 0, ["18to29"] = 10, ["30to64"] = 25, ["65plus"] = 10 },
        });
        await Propose("Kotihoidon etäkäynnit iltaisin");
        var stopped = await Propose("Ajanvaraus tekstiviestillä");
        await Post($"/api/experiments/{stopped}/discontinue", new
        {
            reason = "Asiakkaat eivät ottaneet palvelua käyttöön", lessons = "Kokeilu liimattiin vanhan prosessin päälle.",
        });
        SeededTotal = 3;
        await FunnelTotalIs(SeededTotal);
    }

    public async Task<Guid> Propose(string title)
    {
        var created = await Post("/api/experiments", new
        {
            title, problem = "Asiakkaat eivät löydä palvelua yhdellä yhteydenotolla.", county = County,
            themes = new[] { Theme }, proposedByRole = "palveluesihenkilö",
        }, 201);
        return created["id"]!.GetValue<Guid>();
    }

    public async Task<JsonNode> Post(string url, object body, int expected = 200)
    {
        using var response = await Office.PostAsJsonAsync(url, body, Api.Json);
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(expected, $"POST {url} answered {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>Waits until the projection behind the funnel (read over HTTP) shows the total.</summary>
    public async Task FunnelTotalIs(int total)
    {
        var clock = Stopwatch.StartNew();
        var last = -1;
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            var funnel = await Office.GetFromJsonAsync<JsonElement>($"/api/dashboards/funnel?county={County}");
            last = funnel.GetProperty("total").GetInt32();
            if (last == total) return;
            await Task.Delay(200);
        }
        throw new TimeoutException($"The funnel of {County} showed {last} experiments, not {total}, after 30 s. App output:\n{App.Output}");
    }

    /// <summary>axe-core with the WCAG 2.1 A/AA rules; prints every violation, answers the serious and critical ones.</summary>
    public static async Task<IReadOnlyList<string>> Axe(IPage page, string name, ITestOutputHelper output, bool all = false)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] },
        });
        var lines = new List<string>();
        foreach (var v in result.Violations)
        {
            var targets = string.Join(" | ", v.Nodes.Take(5).Select(n => $"{n.Target} {n.Html}"));
            var line = $"[{name}] {v.Impact} {v.Id}: {v.Help} ({v.Nodes.Length} nodes) {targets}";
            output.WriteLine("axe " + line);
            if (all || v.Impact is "serious" or "critical") lines.Add(line);
        }
        output.WriteLine($"axe [{name}]: {result.Violations.Length} violations, {result.Passes.Length} rules passed, {result.Incomplete.Length} incomplete");
        return lines;
    }

    public static async Task Screenshot(IPage page, string name, ITestOutputHelper output)
    {
        var path = Path.Combine(ScreenshotDir, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"screenshot {path}");
    }

    /// <summary>Polls until the condition holds, or fails with the message.</summary>
    public static async Task Eventually(Func<Task<bool>> condition, TimeSpan timeout, Func<Task<string>> failure)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (await condition()) return;
            await Task.Delay(100);
        }
        if (await condition()) return;
        throw new TimeoutException(await failure());
    }

    /// <summary>Digits of a figure formatted for Finnish ("1 234" with a no-break space).</summary>
    public static int Figure(string text) =>
        int.Parse(new string(text.Where(char.IsAsciiDigit).ToArray()));
}
