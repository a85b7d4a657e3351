using Microsoft.Playwright;
using MiniExcelLibs;
using Shouldly;
using Xunit.Abstractions;

namespace ProjectLedger.Tests.Browser;

/// <summary>
/// National leadership in a real browser: the counties side by side, a county's adopted count opening
/// the matching list, every tab at a chosen past moment, an XLSX download read back with MiniExcel,
/// and the layouts that misled (a phone's width, the pilots board at 1,366 px).
/// </summary>
[Trait("Category", "Browser")]
[Trait("Category", "Slow")]
public sealed class PortfolioBrowserTests(BrowserSession session, ITestOutputHelper output) : IClassFixture<BrowserSession>, IAsyncLifetime
{
    private static readonly TimeZoneInfo Helsinki = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");
    private IBrowserContext _context = null!;
    private IPage _page = null!;
    private readonly List<string> _pageErrors = [];

    public async Task InitializeAsync()
    {
        _context = await session.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "fi-FI", TimezoneId = "Europe/Helsinki", AcceptDownloads = true,
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
        });
        _page = await _context.NewPageAsync();
        _page.PageError += (_, e) => _pageErrors.Add(e);
        _page.Console += (_, m) => { if (m.Type is "error") output.WriteLine($"console {m.Type}: {m.Text}"); };
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task national_leadership_compares_counties_opens_the_work_behind_a_count_sees_every_tab_at_a_past_moment_and_downloads_xlsx()
    {
        var adopted = await AdoptOne("Chat-neuvonta otettiin käyttöön");
        // A past moment on a whole minute (the picker's resolution), then a change after it.
        var now = DateTimeOffset.UtcNow;
        var moment = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero).AddMinutes(1);
        await Task.Delay(moment - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1));
        await session.Propose("Idea hetken jälkeen");
        var live = session.SeededTotal + 2;
        await session.FunnelTotalIs(live);

        await _page.GotoAsync(session.App.BaseUrl + "/");
        await _page.Locator("label", new() { HasText = "Johto – valtakunnallinen (kaikki alueet)" }).ClickAsync();
        await _page.GetByRole(AriaRole.Button, new() { Name = "Kirjaudu", Exact = true }).ClickAsync();
        await _page.GetByTestId("signed-in").WaitForAsync();

        await Nav("Alueet rinnakkain", "counties");
        await _page.GetByTestId("county-row-helsinki").WaitForAsync();
        (await _page.Locator("tr[data-testid^='county-row-']").CountAsync()).ShouldBe(22);
        await WaitForText(_page.GetByTestId($"county-experiments-{BrowserSession.County}"), live.ToString());
        var adoptedCount = _page.GetByTestId($"county-adopted-{BrowserSession.County}");
        await WaitForText(adoptedCount, "1");
        (await BrowserSession.Axe(_page, "counties", output)).ShouldBeEmpty();
        await BrowserSession.Screenshot(_page, "counties", output);

        await adoptedCount.ClickAsync();
        await _page.WaitForURLAsync($"**/#/experiments?county={BrowserSession.County}&reached=Adopted");
        await WaitForText(_page.GetByTestId("experiments-total"), "1 kokeilu");
        (await _page.GetByTestId($"experiment-row-{adopted}").CountAsync()).ShouldBe(1);
        await BrowserSession.Screenshot(_page, "experiments-adopted", output);

        await Nav("Alueet rinnakkain", "counties");
        var local = TimeZoneInfo.ConvertTime(moment, Helsinki);
        await _page.GetByTestId("as-of-date").FillAsync($"{local.Day}.{local.Month}.{local.Year}");
        await _page.GetByTestId("as-of-time").FillAsync($"{local.Hour:00}.{local.Minute:00}");
        await _page.GetByTestId("as-of-show").ClickAsync();
        var label = $"Tilanne {local.Day}.{local.Month}.{local.Year} klo {local.Hour}.{local.Minute:00}";
        await WaitForText(_page.GetByTestId("as-of-label"), label);
        await WaitForText(_page.GetByTestId($"county-experiments-{BrowserSession.County}"), (live - 1).ToString());
        await _page.GetByTestId("as-of-banner").WaitForAsync();

        var download = await _page.RunAndWaitForDownloadAsync(() => _page.GetByTestId("export-xlsx-counties").ClickAsync());
        download.SuggestedFilename.ShouldBe("counties.xlsx");
        var path = Path.Combine(BrowserSession.ScreenshotDir, "counties.xlsx");
        await download.SaveAsAsync(path);
        var rows = MiniExcel.Query(path, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        rows.Count.ShouldBe(22);
        Convert.ToInt32(rows.Single(r => (string)r["county"] == BrowserSession.County)["experiments"]).ShouldBe(live - 1, "the file holds the past moment too");

        foreach (var (tab, path2, figure, expected) in new[]
        {
            ("Käyttöönoton suppilo", "funnel", "funnel-total", (live - 1).ToString()),
            ("Pilotit", "pilots", "pilots-count", "1"),
            ("Osallistuminen", "participation", "participation-total", "45"),
            ("Tavoitteet", "goals", "goals-count", null),
            ("Menestystekijät", "factors", "factors-assessed", "0"),
        })
        {
            await Nav(tab, path2);
            _page.Url.ShouldContain("at=", customMessage: $"{tab} keeps the chosen moment");
            await WaitForText(_page.GetByTestId("as-of-label"), label);
            (await _page.GetByTestId("as-of-banner").CountAsync()).ShouldBe(1);
            if (expected is not null) await WaitForText(_page.GetByTestId(figure), expected);
            await BrowserSession.Screenshot(_page, $"as-of-{path2}", output);
        }

        await _page.GetByTestId("as-of-banner-live").ClickAsync();
        await WaitForText(_page.GetByTestId("factors-assessed"), "0");
        // The page re-renders after the click: wait for the banner to go before counting it.
        await _page.GetByTestId("as-of-banner").WaitForAsync(new() { State = Microsoft.Playwright.WaitForSelectorState.Detached });
        (await _page.GetByTestId("as-of-banner").CountAsync()).ShouldBe(0);
        _page.Url.ShouldNotContain("at=");
        _pageErrors.ShouldBeEmpty();
    }

    [Fact]
    public async Task a_phone_never_scrolls_sideways_and_the_pilots_overdue_column_shows_at_1366_px()
    {
        await _page.GotoAsync(session.App.BaseUrl + "/");
        await _page.Locator("label", new() { HasText = "Projektitoimisto – Vantaan ja Keravan hyvinvointialue" }).ClickAsync();
        await _page.GetByRole(AriaRole.Button, new() { Name = "Kirjaudu", Exact = true }).ClickAsync();
        await _page.GetByTestId("signed-in").WaitForAsync();
        await _page.GetByTestId($"pilot-row-{session.PilotId}").WaitForAsync();
        var evaluation = await _page.GetByTestId($"pilot-evaluation-{session.PilotId}").BoundingBoxAsync();
        (evaluation!.X + evaluation.Width).ShouldBeLessThanOrEqualTo(1366, "the overdue column is on screen without scrolling");
        await BrowserSession.Screenshot(_page, "pilots-1366", output);

        await _page.SetViewportSizeAsync(390, 844);
        await Nav("Käyttöönoton suppilo", "funnel");
        await _page.GetByTestId("funnel-total").WaitForAsync();
        await _page.Locator("section[aria-labelledby='funnel-stages'] canvas").WaitForAsync();
        var wide = await _page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 391)
                 .filter(e => !e.closest('.table-scroll')).slice(0, 8).map(e => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`)
            """);
        (await _page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390, string.Join("\n", wide));
        await BrowserSession.Screenshot(_page, "funnel-390", output);
        var scrollable = await _page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('.table-scroll')].filter(r => r.scrollWidth > r.clientWidth)
                 .filter(r => !(r.tabIndex >= 0 && r.getAttribute('role') === 'region' && r.getAttribute('aria-labelledby'))).map(r => r.outerHTML.slice(0, 80))
            """);
        scrollable.ShouldBeEmpty("a table that scrolls does so in a labelled, focusable region");
        _pageErrors.ShouldBeEmpty();
    }

    private async Task<Guid> AdoptOne(string title)
    {
        var id = await session.Propose(title);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await session.Post($"/api/experiments/{id}/plan", new
        {
            hypothesis = "Chat lisää sähköistä asiointia", targetGroup = "Asiakkaat",
            successCriteria = new[] { new { metric = "Sähköisen asioinnin osuus", baseline = 12, target = 30, unit = "%" } }, participationHours = 40,
        });
        await session.Post($"/api/experiments/{id}/pilot", new
        {
            sites = new[] { "Tikkurila" }, start = today.AddDays(-60).ToString("yyyy-MM-dd"), plannedEnd = today.ToString("yyyy-MM-dd"), channels = new[] { "chat" },
        });
        await session.Post($"/api/experiments/{id}/pilot/end", new { ended = today.ToString("yyyy-MM-dd") });
        await session.Post($"/api/experiments/{id}/evaluation", new
        {
            criteria = new[] { new { metric = "Sähköisen asioinnin osuus", met = true, note = "31 %" } }, verdict = "adopt", lessons = "Sitoutuminen ratkaisi.",
        });
        await session.Post($"/api/experiments/{id}/adopt", new
        {
            scope = "County", processes = new[] { "Neuvonta" }, operatingModel = new { title = "Chat-neuvonnan toimintamalli", link = (string?)null }, rationale = "Tavoite saavutettiin",
        });
        return id;
    }

    private async Task Nav(string linkText, string path)
    {
        await _page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = linkText, Exact = true }).ClickAsync();
        await _page.WaitForURLAsync($"**/#/{path}**");
    }

    private static Task WaitForText(ILocator locator, string expected) =>
        BrowserSession.Eventually(
            async () => (await locator.InnerTextAsync()).Trim() == expected,
            TimeSpan.FromSeconds(20),
            async () => $"expected '{expected}', the page shows '{await locator.InnerTextAsync()}'");
}
