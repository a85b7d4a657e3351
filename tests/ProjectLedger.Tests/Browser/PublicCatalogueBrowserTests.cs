using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Shouldly;
using Xunit.Abstractions;

namespace ProjectLedger.Tests.Browser;

/// <summary>
/// The public catalogue in a real browser, never signed in: search, a model's page at its permanent
/// address, the spread tree (a nested list beside its picture), axe-core, and Finnish, Swedish and English.
/// Screenshots go to .ledger/screenshots/.
/// </summary>
[Trait("Category", "Browser")]
[Trait("Category", "Slow")]
public sealed class PublicCatalogueBrowserTests(PublicCatalogueSession session, ITestOutputHelper output) : IClassFixture<PublicCatalogueSession>, IAsyncLifetime
{
    private IBrowserContext _context = null!;
    private IPage _page = null!;
    private readonly List<string> _problems = [];

    public async Task InitializeAsync()
    {
        _context = await session.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "fi-FI", TimezoneId = "Europe/Helsinki", ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        _page = await _context.NewPageAsync();
        _page.PageError += (_, e) => _problems.Add("page error: " + e);
        _page.Request += (_, r) =>
        {
            if (r.Headers.ContainsKey("authorization")) lock (_problems) _problems.Add("a token was sent: " + r.Url);
        };
        _page.Response += (_, r) =>
        {
            if (r.Status >= 400) lock (_problems) _problems.Add($"HTTP {r.Status} {r.Url}");
        };
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task search_a_models_page_and_its_spread_tree_without_signing_in_pass_axe()
    {
        await _page.GotoAsync(session.App.BaseUrl + "/julkinen");
        (await _page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync()).ShouldBe("Toimintamallien luettelo");
        (await _page.Locator("html").GetAttributeAsync("lang")).ShouldBe("fi");

        await _page.GetByLabel("Hakusana").FillAsync($"{session.Marker} Sociala");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Hae" }).ClickAsync();
        await _page.WaitForURLAsync($"**/julkinen?q={session.Marker}+Sociala");
        await Expect(_page.GetByTestId("catalogue-item")).ToHaveCountAsync(1);
        (await _page.ContentAsync()).ShouldNotContain(session.UnpublishedTitle);
        await BrowserSession.Screenshot(_page, "public-catalogue-search", output);
        (await AxeClean("public-catalogue", output)).ShouldBeEmpty();

        await _page.GetByRole(AriaRole.Link, new() { Name = "Chat-neuvonnan toimintamalli" }).ClickAsync();
        await _page.WaitForURLAsync($"**/julkinen/{session.Origin}");
        await Expect(_page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Chat-neuvonnan toimintamalli");
        (await _page.GetByTestId("public-kind-experienceExpert").InnerTextAsync()).ShouldBe("< 5");
        (await _page.GetByTestId("public-kind-client").InnerTextAsync()).ShouldBe("–", "104 is hidden too, or 107 − 104 gives the 3 away");
        (await _page.GetByRole(AriaRole.Heading, new() { Name = "Opit" }).CountAsync()).ShouldBe(1, "published with its lessons");

        var tree = _page.GetByTestId("spread-tree");
        var pirkanmaa = tree.Locator("li[data-county='pirkanmaa']");
        (await pirkanmaa.GetAttributeAsync("data-stage")).ShouldBe("Adopted");
        (await pirkanmaa.GetByRole(AriaRole.Link).First.InnerTextAsync()).ShouldBe($"Kotitori {session.Marker}");
        var lappi = pirkanmaa.Locator("ul li[data-county='lappi']");
        (await lappi.InnerTextAsync()).ShouldContain("Lapin hyvinvointialue");
        (await lappi.InnerTextAsync()).ShouldNotContain("Lapin palvelutori", Case.Insensitive, "Lapland's experiment is not published");
        (await _page.GetByTestId("spread-picture").GetAttributeAsync("aria-label")).ShouldContain("2");
        await BrowserSession.Screenshot(_page, "public-model-fi", output);
        (await AxeClean("public-model-fi", output)).ShouldBeEmpty();

        // The tree reads by keyboard: Tab from the picture's side reaches the adaptation's link.
        // Focus and key press in one step: a re-render between the two would drop the focus.
        await pirkanmaa.GetByRole(AriaRole.Link).First.PressAsync("Enter");
        await _page.WaitForURLAsync($"**/julkinen/{session.Adaptation}");
        await Expect(_page.GetByTestId("public-model")).ToContainTextAsync("Etelä-Savon hyvinvointialue");
        (await _page.GetByRole(AriaRole.Heading, new() { Name = "Opit" }).CountAsync()).ShouldBe(0, "published without its lessons");

        _problems.ShouldBeEmpty(string.Join("\n", _problems));
    }

    [Theory]
    [InlineData("sv", "Katalog över verksamhetsmodeller", "Vart modellen har spridits", "Uppfylldes")]
    [InlineData("en", "Catalogue of operating models", "Where the model spread", "Met")]
    [InlineData("fi", "Toimintamallien luettelo", "Minne malli on levinnyt", "Täyttyi")]
    public async Task the_catalogue_and_a_model_read_in_each_language(string lang, string title, string spreadHeading, string met)
    {
        await _page.GotoAsync($"{session.App.BaseUrl}/julkinen?lang={lang}");
        await Expect(_page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        (await _page.Locator("html").GetAttributeAsync("lang")).ShouldBe(lang);
        (await AxeClean($"public-catalogue-{lang}", output)).ShouldBeEmpty();

        await _page.GotoAsync($"{session.App.BaseUrl}/julkinen/{session.Origin}?lang={lang}");
        await Expect(_page.GetByRole(AriaRole.Heading, new() { Name = spreadHeading })).ToBeVisibleAsync();
        await Expect(_page.GetByTestId("public-criterion").First).ToContainTextAsync(met);
        await BrowserSession.Screenshot(_page, $"public-model-{lang}", output);
        (await AxeClean($"public-model-{lang}", output)).ShouldBeEmpty();
        _problems.ShouldBeEmpty(string.Join("\n", _problems));
    }

    /// <summary>axe-core (WCAG 2.1 A/AA): every violation of any impact, printed; the list is empty when the page is clean.</summary>
    private async Task<IReadOnlyList<string>> AxeClean(string name, ITestOutputHelper log)
    {
        var result = await _page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. BrowserSession.WcagTags] } });
        var violations = result.Violations
            .Select(v => $"[{name}] {v.Impact} {v.Id}: {v.Help} " + string.Join(" | ", v.Nodes.Take(3).Select(n => $"{n.Target} {n.Html}")))
            .ToList();
        violations.ForEach(log.WriteLine);
        log.WriteLine($"axe [{name}]: {result.Violations.Length} violations, {result.Passes.Length} rules passed");
        return violations;
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
