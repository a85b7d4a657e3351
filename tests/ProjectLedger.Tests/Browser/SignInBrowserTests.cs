using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using ProjectLedger.Tests.Infrastructure;
using ProjectLedger.Tests.Processes;
using ProjectLedger.Tests.Security;
using Shouldly;
using Xunit.Abstractions;

namespace ProjectLedger.Tests.Browser;

/// <summary>
/// The app outside demo mode as a county runs it: its OpenID Provider (oidc-provider) and the app as
/// separate processes, on 127.0.0.1, with a short session (30 s) so that its end can be watched.
/// </summary>
public sealed class ProviderSignInSession : IAsyncLifetime
{
    public const string County = "vantaa-kerava";
    public const string Key = "browser-test-local-key-for-seeding-only-0123456789";
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromSeconds(30);

    public OidcProviderProcess Provider { get; private set; } = null!;
    public AppProcess App { get; private set; } = null!;
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public Guid PilotId { get; private set; }

    public async Task InitializeAsync()
    {
        var port = AppProcess.FreePort();
        Provider = await OidcProviderProcess.Start($"http://127.0.0.1:{port}");
        var settings = OutsideDemo.Settings(Provider.AppSettings());
        settings["LEDGER_DEMO"] = "0";
        settings["LEDGER_SIGNING_KEY"] = Key;
        settings["LEDGER_SESSION_MINUTES"] = (SessionLifetime.TotalMinutes).ToString(System.Globalization.CultureInfo.InvariantCulture);
        App = await AppProcess.Start(settings, port);
        await Seed();
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserSession.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
        });
    }

    private async Task Seed()
    {
        using var office = new HttpClient { BaseAddress = new Uri(App.BaseUrl) };
        office.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            HandMadeTokens.Sign(HandMadeTokens.Claims("siemen", "projectOffice", County), key: Key));
        async Task<JsonNode> Post(string url, object body)
        {
            using var response = await office.PostAsJsonAsync(url, body, Api.Json);
            var text = await response.Content.ReadAsStringAsync();
            response.IsSuccessStatusCode.ShouldBeTrue($"POST {url}: {text}");
            return JsonNode.Parse(text)!;
        }
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        PilotId = (await Post("/api/experiments", new
        {
            title = "Chat-neuvonta perhekeskukseen", problem = "Asiakkaat eivät löydä palvelua yhdellä yhteydenotolla.",
            county = County, themes = new[] { "kirjautuminen" }, proposedByRole = "palveluesihenkilö",
        }))["id"]!.GetValue<Guid>();
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
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        Playwright?.Dispose();
        if (App is not null) await App.DisposeAsync();
        if (Provider is not null) await Provider.DisposeAsync();
    }
}

/// <summary>
/// Signing in through the county's provider in Chromium: the provider's sign-in, not the demo users;
/// landing on the dashboards of the mapped role and county; a sign-in without a mapped role told why;
/// sign-out at the provider; back to sign-in when the session ends. The page never holds a token,
/// its session cookie is HttpOnly, and the CSP (with the style nonce) blocks nothing the UI needs.
/// </summary>
[Trait("Category", "Browser")]
[Trait("Category", "Slow")]
public sealed class SignInBrowserTests(ProviderSignInSession session, ITestOutputHelper output) : IClassFixture<ProviderSignInSession>, IAsyncLifetime
{
    private IBrowserContext _context = null!;
    private IPage _page = null!;
    private readonly List<string> _problems = [];

    public async Task InitializeAsync()
    {
        _context = await session.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "fi-FI", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        _page = await _context.NewPageAsync();
        _page.PageError += (_, e) => { lock (_problems) _problems.Add("page error: " + e); };
        _page.Console += (_, m) =>
        {
            output.WriteLine($"console {m.Type}: {m.Text}");
            // The provider's own pages load a web font from the internet, which this machine cannot reach.
            if (m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) && _page.Url.StartsWith(session.App.BaseUrl))
                lock (_problems) _problems.Add("CSP: " + m.Text);
        };
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task a_county_user_signs_in_at_the_provider_lands_on_their_dashboards_signs_out_and_is_sent_back_when_the_session_ends()
    {
        // Outside demo mode: the provider's sign-in, and no demo users.
        await _page.GotoAsync(session.App.BaseUrl + "/");
        await _page.GetByRole(AriaRole.Heading, new() { Name = "Kirjaudu sisään", Level = 1 }).WaitForAsync();
        (await _page.GetByText("Esittelykäyttäjät").CountAsync()).ShouldBe(0);

        // Maija's group maps to projectOffice, her county claim is vantaa-kerava: she lands on her pilots.
        await SignInAtProvider("maija");
        await _page.WaitForURLAsync("**/#/pilots**");
        var signedIn = await _page.GetByTestId("signed-in").InnerTextAsync();
        signedIn.ShouldContain("Maija Virtanen");
        signedIn.ShouldContain("projektitoimisto");
        // The county's name replaces its slug once the county list has loaded (a request of its own).
        await Eventually(async () => (await _page.GetByTestId("signed-in").InnerTextAsync()).Contains("Vantaan ja Keravan hyvinvointialue"), "the county's name");
        await Eventually(async () => (await _page.GetByTestId("pilots-count").InnerTextAsync()).Trim() == "1", "the pilots board of vantaa-kerava");
        (await _page.GetByTestId($"pilot-row-{session.PilotId}").InnerTextAsync()).ShouldContain("Chat-neuvonta perhekeskukseen");

        // The browser holds no token: storage is empty of it, the session cookie is HttpOnly and SameSite.
        (await _page.EvaluateAsync<string>("() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }) + document.cookie"))
            .ShouldNotContain("eyJ", Case.Sensitive, "a JWT starts with eyJ");
        var cookie = (await _context.CookiesAsync([session.App.BaseUrl])).Single(c => c.Name == "__ledger_session");
        cookie.HttpOnly.ShouldBeTrue();
        cookie.SameSite.ShouldBe(SameSiteAttribute.Lax);

        await SignOutAtProvider();
        (await _context.CookiesAsync([session.App.BaseUrl])).ShouldNotContain(c => c.Name == "__ledger_session");

        // A sign-in whose group maps to no role gets a session but nothing else, and is told why in Finnish.
        await SignInAtProvider("vieras");
        (await _page.GetByTestId("access-refused").InnerTextAsync()).ShouldContain("ei ole ProjectLedgerin rooli");
        await SignOutAtProvider();

        // Leena's group maps to leadership with county "*": the national funnel.
        await SignInAtProvider("leena");
        await _page.WaitForURLAsync("**/#/funnel**");
        (await _page.GetByTestId("signed-in").InnerTextAsync()).ShouldContain("kaikki alueet");
        await Eventually(async () => (await _page.GetByTestId("funnel-total").InnerTextAsync()).Trim().Length > 0, "the national funnel");

        // Left alone, the session ends: the hub closes, the page asks again and lands on sign-in, saying so.
        var idle = System.Diagnostics.Stopwatch.StartNew();
        await _page.GetByText("Istuntosi on päättynyt. Kirjaudu uudelleen jatkaaksesi.")
            .WaitForAsync(new() { Timeout = (float)(ProviderSignInSession.SessionLifetime * 3).TotalMilliseconds });
        output.WriteLine($"back on sign-in {idle.Elapsed.TotalSeconds:0.0} s after the last use (session {ProviderSignInSession.SessionLifetime.TotalSeconds} s)");
        (await _page.GetByRole(AriaRole.Button, new() { Name = "Kirjaudu tunnistuspalveluun" }).CountAsync()).ShouldBe(1);
        (await _page.EvaluateAsync<int>("() => fetch('/api/projects').then(r => r.status)")).ShouldBe(401);

        _problems.ShouldBeEmpty(string.Join("\n", _problems));
    }

    private async Task SignInAtProvider(string login)
    {
        await _page.GetByRole(AriaRole.Button, new() { Name = "Kirjaudu tunnistuspalveluun" }).ClickAsync();
        await _page.WaitForURLAsync(session.Provider.Issuer + "/**");
        await _page.Locator("input[name=login]").FillAsync(login);
        await _page.Locator("input[name=password]").FillAsync("any-password");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Sign-in" }).ClickAsync();
        await _page.WaitForURLAsync(session.App.BaseUrl + "/**");
        await _page.GetByTestId("signed-in").WaitForAsync();
        output.WriteLine($"{login} signed in: {await _page.GetByTestId("signed-in").InnerTextAsync()}");
    }

    private async Task SignOutAtProvider()
    {
        await _page.GetByRole(AriaRole.Button, new() { Name = "Kirjaudu ulos" }).ClickAsync();
        await _page.WaitForURLAsync(session.Provider.Issuer + "/**");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Yes, sign me out" }).ClickAsync();
        await _page.WaitForURLAsync(session.App.BaseUrl + "/**");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Kirjaudu tunnistuspalveluun" }).WaitForAsync();
    }

    private Task Eventually(Func<Task<bool>> condition, string what) =>
        BrowserSession.Eventually(condition, TimeSpan.FromSeconds(15), () => Task.FromResult($"{what} did not show. App output:\n{session.App.Output}"));
}
