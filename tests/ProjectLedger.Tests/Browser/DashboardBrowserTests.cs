using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;
using Shouldly;
using Xunit.Abstractions;

namespace ProjectLedger.Tests.Browser;

/// <summary>
/// The built UI in a real browser against the app as a separate process: sign in as a demo user,
/// read the dashboards in Finnish, check them with axe-core (WCAG 2.1 A/AA), and see the funnel
/// update itself over SignalR when an experiment is proposed elsewhere.
/// Screenshots go to .ledger/screenshots/.
/// </summary>
[Trait("Category", "Browser")]
[Trait("Category", "Slow")]
public sealed class DashboardBrowserTests(BrowserSession session, ITestOutputHelper output) : IClassFixture<BrowserSession>, IAsyncLifetime
{
    private IBrowserContext _context = null!;
    private IPage _page = null!;
    private readonly List<string> _pageErrors = [];
    private readonly List<string> _hubFrames = [];
    private readonly List<string> _failedResponses = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public async Task InitializeAsync()
    {
        output.WriteLine($"app and browser ready in {session.StartUp.TotalSeconds:0.0} s (shared by this class)");
        _context = await session.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "fi-FI",
            TimezoneId = "Europe/Helsinki",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        _page = await _context.NewPageAsync();
        _page.PageError += (_, e) => _pageErrors.Add(e);
        _page.Response += (_, r) =>
        {
            if (r.Status < 400) return;
            var line = $"HTTP {r.Status} {r.Request.Method} {r.Url}";
            output.WriteLine(line);
            lock (_failedResponses) _failedResponses.Add(line);
        };
        _page.Console += (_, m) => { if (m.Type is "error" or "warning") output.WriteLine($"console {m.Type}: {m.Text} ({m.Location})"); };
        _page.WebSocket += (_, ws) =>
        {
            ws.FrameSent += (_, f) => { lock (_hubFrames) _hubFrames.Add("> " + f.Text); };
            ws.FrameReceived += (_, f) => { lock (_hubFrames) _hubFrames.Add("< " + f.Text); };
        };
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        output.WriteLine($"test took {_clock.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task the_funnel_reads_in_finnish_passes_axe_and_updates_itself_when_an_experiment_is_proposed()
    {
        await SignInAsVantaaKeravaOffice();
        await OpenFromNav("Käyttöönoton suppilo", "funnel");

        (await _page.Locator("html").GetAttributeAsync("lang")).ShouldBe("fi");
        await WaitForText(_page.GetByRole(AriaRole.Heading, new() { Level = 1 }), "Käyttöönoton suppilo");
        var total = _page.GetByTestId("funnel-total");
        await total.WaitForAsync();
        await WaitForText(total, session.SeededTotal.ToString());

        var stages = _page.Locator("section[aria-labelledby='funnel-stages']");
        (await stages.Locator("canvas[role='img']").CountAsync()).ShouldBe(1);
        (await stages.Locator("canvas[role='img']").GetAttributeAsync("aria-label")).ShouldNotBeNullOrWhiteSpace();
        (await stages.Locator("table").CountAsync()).ShouldBe(1, "the chart's table alternative");
        (await _page.GetByTestId("stage-count-Idea").InnerTextAsync()).ShouldBe("1");
        await ChartDrawn(stages);

        var violations = await BrowserSession.Axe(_page, "funnel", output);
        await BrowserSession.Screenshot(_page, "funnel", output);
        violations.ShouldBeEmpty(string.Join("\n", violations));

        // The page watches funnel/county:vantaa-kerava over SignalR; only then does a change reach it.
        await WatchAcknowledged("funnel", "county:" + BrowserSession.County);
        await _page.EvaluateAsync("""
            () => {
              const region = document.querySelector('[data-testid="live-region"]');
              window.__announced = [];
              new MutationObserver(() => window.__announced.push(region.textContent))
                .observe(region, { childList: true, subtree: true, characterData: true });
            }
            """);
        var before = BrowserSession.Figure(await total.InnerTextAsync());

        var posted = Stopwatch.StartNew();
        await session.Propose("Digitaalinen palveluohjaus");
        await BrowserSession.Eventually(
            async () => BrowserSession.Figure(await total.InnerTextAsync()) == before + 1,
            TimeSpan.FromSeconds(15),
            async () => $"funnel-total stayed at {await total.InnerTextAsync()} (expected {before + 1}) without a reload. Hub frames:\n{HubFrames()}\nApp output:\n{session.App.Output}");
        output.WriteLine($"funnel-total went {before} -> {before + 1} in {posted.ElapsedMilliseconds} ms after the POST");

        await BrowserSession.Eventually(
            async () => (await _page.EvaluateAsync<string[]>("() => window.__announced")).Any(t => t.StartsWith("Luvut päivitetty")),
            TimeSpan.FromSeconds(3),
            async () => $"the live region announced only: {string.Join(" | ", await _page.EvaluateAsync<string[]>("() => window.__announced"))}");
        var region = _page.GetByTestId("live-region");
        (await region.GetAttributeAsync("aria-live")).ShouldBe("polite");
        (await region.InnerTextAsync()).ShouldStartWith("Luvut päivitetty klo");
        (await _page.GetByTestId("stage-count-Idea").InnerTextAsync()).ShouldBe("2");
        await BrowserSession.Screenshot(_page, "funnel-after-live-update", output);
        _pageErrors.ShouldBeEmpty();
        _failedResponses.ShouldBeEmpty("every request of the UI succeeds");
    }

    [Fact]
    public async Task the_pilots_and_participation_dashboards_and_an_experiment_page_pass_axe()
    {
        var serious = new List<string>();
        await _page.GotoAsync(session.App.BaseUrl + "/");
        await _page.GetByRole(AriaRole.Heading, new() { Name = "Kirjaudu sisään" }).WaitForAsync();
        serious.AddRange(await BrowserSession.Axe(_page, "login", output));
        await BrowserSession.Screenshot(_page, "login", output);
        await SignInAsVantaaKeravaOffice(alreadyOnLogin: true);

        // A project office lands on its pilots.
        await _page.WaitForURLAsync("**/#/pilots**");
        await WaitForText(_page.GetByRole(AriaRole.Heading, new() { Level = 1 }), "Käynnissä olevat pilotit");
        await WaitForText(_page.GetByTestId("pilots-count"), "1");
        (await _page.GetByTestId($"pilot-row-{session.PilotId}").InnerTextAsync()).ShouldContain("Chat-neuvonta perhekeskukseen");
        (await _page.GetByTestId($"pilot-participants-{session.PilotId}").InnerTextAsync()).ShouldBe("45");
        serious.AddRange(await BrowserSession.Axe(_page, "pilots", output));
        await BrowserSession.Screenshot(_page, "pilots", output);

        await OpenFromNav("Osallistuminen", "participation");
        await WaitForText(_page.GetByRole(AriaRole.Heading, new() { Level = 1 }), "Osallistuminen");
        await WaitForText(_page.GetByTestId("participation-total"), "45");
        (await _page.GetByTestId("reach-gap-under18").CountAsync()).ShouldBe(1, "no one under 18 was reached");
        var charts = _page.Locator("canvas[role='img']");
        (await charts.CountAsync()).ShouldBeGreaterThan(0);
        await ChartDrawn(_page.Locator("section.chart-section").First);
        serious.AddRange(await BrowserSession.Axe(_page, "participation", output));
        await BrowserSession.Screenshot(_page, "participation", output);

        await _page.EvaluateAsync("id => { window.location.hash = '#/experiments/' + id; }", session.PilotId.ToString());
        await _page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Chat-neuvonta perhekeskukseen" }).WaitForAsync();
        await WaitForText(_page.GetByTestId("experiment-participation-total"), "45");
        await _page.GetByTestId("timeline").Or(_page.Locator(".timeline-error, [role='alert']")).First.WaitForAsync();
        serious.AddRange(await BrowserSession.Axe(_page, "experiment", output));
        await BrowserSession.Screenshot(_page, "experiment", output);

        serious.ShouldBeEmpty(string.Join("\n", serious));
        _pageErrors.ShouldBeEmpty();
        _failedResponses.ShouldBeEmpty("every request of the UI succeeds");
    }

    private async Task SignInAsVantaaKeravaOffice(bool alreadyOnLogin = false)
    {
        if (!alreadyOnLogin) await _page.GotoAsync(session.App.BaseUrl + "/");
        // suomifi's radio input is visually replaced: click its label, as a user does.
        await _page.Locator("label", new() { HasText = "Projektitoimisto – Vantaan ja Keravan hyvinvointialue" }).ClickAsync();
        (await _page.GetByRole(AriaRole.Radio, new() { Name = "Projektitoimisto – Vantaan ja Keravan hyvinvointialue" }).IsCheckedAsync()).ShouldBeTrue();
        await _page.GetByRole(AriaRole.Button, new() { Name = "Kirjaudu", Exact = true }).ClickAsync();
        await _page.GetByTestId("signed-in").WaitForAsync();
    }

    /// <summary>The address changes before the page's lazily loaded view replaces the previous one: callers wait for its heading.</summary>
    private async Task OpenFromNav(string linkText, string path)
    {
        await _page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = linkText, Exact = true }).ClickAsync();
        await _page.WaitForURLAsync($"**/#/{path}**");
    }

    private static Task WaitForText(ILocator locator, string expected) =>
        BrowserSession.Eventually(
            async () => (await locator.InnerTextAsync()).Trim() == expected,
            TimeSpan.FromSeconds(15),
            async () => $"expected '{expected}', the page shows '{await locator.InnerTextAsync()}'");

    /// <summary>chart.js is loaded on demand: wait until the section's canvas has pixels on it.</summary>
    private Task ChartDrawn(ILocator section) =>
        BrowserSession.Eventually(
            () => section.Locator("canvas").EvaluateAsync<bool>("""
                c => {
                  if (!c.width || !c.height) return false;
                  const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return true;
                  return false;
                }
                """),
            TimeSpan.FromSeconds(10),
            () => Task.FromResult("the chart canvas stayed blank"));

    /// <summary>Waits for the hub's completion of the page's Watch(dashboard, scope) invocation.</summary>
    private Task WatchAcknowledged(string dashboard, string scope) =>
        BrowserSession.Eventually(
            () => Task.FromResult(WatchCompleted(dashboard, scope)),
            TimeSpan.FromSeconds(15),
            () => Task.FromResult($"the page did not Watch({dashboard}, {scope}) over a WebSocket. Hub frames:\n{HubFrames()}"));

    private bool WatchCompleted(string dashboard, string scope)
    {
        var ids = new HashSet<string>();
        foreach (var frame in Frames())
        {
            var message = frame.Message;
            var type = message.TryGetProperty("type", out var t) ? t.GetInt32() : 0;
            if (frame.Sent && type == 1 && message.GetProperty("target").GetString() == "Watch")
            {
                var args = message.GetProperty("arguments");
                if (args[0].GetString() == dashboard && args[1].GetString() == scope && message.TryGetProperty("invocationId", out var id))
                    ids.Add(id.GetString()!);
            }
            else if (!frame.Sent && type == 3 && ids.Contains(message.GetProperty("invocationId").GetString()!))
            {
                message.TryGetProperty("error", out var error).ShouldBeFalse($"Watch({dashboard}, {scope}) failed: {error}");
                return true;
            }
        }
        return false;
    }

    private IEnumerable<(bool Sent, JsonElement Message)> Frames()
    {
        string[] frames;
        lock (_hubFrames) frames = [.. _hubFrames];
        foreach (var frame in frames)
        {
            foreach (var part in frame[2..].Split('\u001e', StringSplitOptions.RemoveEmptyEntries))
            {
                JsonElement message;
                try { message = JsonDocument.Parse(part).RootElement; }
                catch (JsonException) { continue; }
                if (message.ValueKind == JsonValueKind.Object) yield return (frame[0] == '>', message);
            }
        }
    }

    private string HubFrames()
    {
        lock (_hubFrames) return string.Join("\n", _hubFrames.Select(f => f.Length > 300 ? f[..300] + "…" : f));
    }
}
