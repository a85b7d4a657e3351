using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Shouldly;
using Xunit.Abstractions;

namespace ProjectLedger.Tests.Browser;

/// <summary>
/// The project office's daily work through the UI only, by keyboard only: one experiment from idea to
/// adoption in Finnish, one from idea to discontinuation in Swedish on a 390 px phone. After every
/// step the API's history shows the write with the signed-in user and the reason given; every form
/// passes axe-core empty, with its errors shown and filled in. Screenshots under .ledger/screenshots/.
/// </summary>
[Trait("Category", "Browser")]
[Trait("Category", "Slow")]
public sealed class ExperimentJourneyTests(BrowserSession session, ITestOutputHelper output) : IClassFixture<BrowserSession>, IAsyncLifetime
{
    private const string User = "vk-projektitoimisto";
    private IBrowserContext _context = null!;
    private readonly List<string> _pageErrors = [];
    private readonly List<string> _failedResponses = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private HttpClient _auditor = null!;

    public Task InitializeAsync()
    {
        _auditor = session.App.Client("auditor", "*", "tarkastaja");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_context is not null) await _context.DisposeAsync();
        _auditor.Dispose();
        output.WriteLine($"test took {_clock.Elapsed.TotalSeconds:0.0} s");
    }

    private async Task<KeyboardUser> Open(string language, int width)
    {
        _context = await session.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = language == "sv" ? "sv-FI" : "fi-FI",
            TimezoneId = "Europe/Helsinki",
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
        });
        // Where focus went, for the failure message of a focus check.
        await _context.AddInitScriptAsync("document.addEventListener('focusin', e => (window.__focus = window.__focus || []).push(e.target.tagName + ':' + (e.target.textContent || '').slice(0, 30)), true);");
        var page = await _context.NewPageAsync();
        page.PageError += (_, e) => _pageErrors.Add(e);
        page.Response += (_, r) =>
        {
            // A form that is sent empty is stopped in the browser: a 4xx here is a bug, not a check.
            if (r.Status < 400) return;
            var line = $"HTTP {r.Status} {r.Request.Method} {r.Url}";
            output.WriteLine(line);
            lock (_failedResponses) _failedResponses.Add(line);
        };
        page.Console += (_, m) => { if (m.Type is "error") output.WriteLine($"console {m.Type}: {m.Text}"); };
        await page.GotoAsync(session.App.BaseUrl + "/");
        return new KeyboardUser(page, output, BrowserSession.ScreenshotDir);
    }

    /// <summary>Signs in as the demo mode does: the first demo user (Vantaa–Kerava's project office) is chosen already.</summary>
    private static async Task SignIn(KeyboardUser k, string radio, string button, string landing)
    {
        await k.Page.GetByRole(AriaRole.Radio, new() { Name = radio }).WaitForAsync();
        (await k.Page.GetByRole(AriaRole.Radio, new() { Name = radio }).IsCheckedAsync()).ShouldBeTrue();
        await k.Activate(k.Page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }));
        await k.HeadingFocused(landing);
    }

    private Guid CurrentExperiment(IPage page)
    {
        var hash = new Uri(page.Url).Fragment;
        var parts = hash.Split('/', '?');
        return Guid.Parse(parts[2]);
    }

    [Fact]
    public async Task a_project_office_takes_an_experiment_from_idea_to_adoption_in_finnish_by_keyboard()
    {
        var k = await Open("fi", 1280);
        await SignIn(k, "Projektitoimisto – Vantaan ja Keravan hyvinvointialue", "Kirjaudu", "Käynnissä olevat pilotit");
        await k.Activate(k.Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Kokeilut", Exact = true }));
        await k.HeadingFocused("Kokeilut");

        // Idea
        await k.OpenForm("Uusi kokeilu", "propose");
        await k.SubmitEmpty("propose");
        var title = "Chat-neuvonta sosiaalipalveluihin " + Guid.NewGuid().ToString("N")[..6];
        await k.Type("Kokeilun nimi", title);
        await k.Type("Ratkaistava ongelma", "Asiakkaat eivät löydä palvelua yhdellä yhteydenotolla.");
        await k.Type("Teemat", "chat, " + session.Theme);
        await k.Type("Ehdottajan rooli", "palveluesihenkilö");
        await k.Type("Syy muutokselle (valinnainen)", "Asukkaan asialla -hankkeen kärki 1");
        await k.Save("propose", title);
        var id = CurrentExperiment(k.Page);
        await KeyboardUser.LastWrite(_auditor, id, User, "Asukkaan asialla -hankkeen kärki 1", "ExperimentProposed");

        // Idea → Planned
        await k.OpenForm("Laadi suunnitelma", "plan");
        await k.SubmitEmpty("plan");
        await k.Type("Hypoteesi", "Chat vähentää puhelinjonoja, kun asiakas saa vastauksen yhdellä yhteydenotolla.");
        await k.Type("Kohderyhmä", "Sosiaalipalveluiden asiakkaat");
        await k.Type("Mittarin nimi", "Sähköisen asioinnin osuus");
        await k.Type("Lähtötaso", "12");
        await k.Type("Tavoitetaso", "30");
        await k.Type("Yksikkö", "%");
        await k.Type("Osallisuustyöhön resursoidut tunnit", "40");
        await k.Type("Perustelu vaihepäätökselle", "Suunnitelma hyväksyttiin ohjausryhmässä");
        await k.Save("plan", title);
        await KeyboardUser.LastWrite(_auditor, id, User, "Suunnitelma hyväksyttiin ohjausryhmässä", "ExperimentPlanned", "StageGateDecided");

        await k.OpenForm("Lisää sidosryhmä", "stakeholders");
        await k.SubmitEmpty("stakeholders");
        await k.Type("Organisaatio", "Vantaan Setlementti ry");
        await k.Select("Sidosryhmä", "Järj", "Järjestöt");
        await k.Check("Toteuttaa palvelua");
        await k.Type("Syy muutokselle (valinnainen)", "Järjestöklinikan ehdotus");
        await k.Save("stakeholders", title);
        await KeyboardUser.LastWrite(_auditor, id, User, "Järjestöklinikan ehdotus", "StakeholderJoined");

        // Planned → Piloting
        await k.OpenForm("Käynnistä pilotti", "pilot");
        await k.SubmitEmpty("pilot");
        await k.Type("Yksiköt ja toimipisteet", "Tikkurilan sosiaaliasema");
        await k.Type("Alkamispäivä", "1.3.2026");
        await k.Type("Suunniteltu päättymispäivä", "31.5.2026");
        await k.Type("Perustelu vaihepäätökselle", "Henkilöstö on koulutettu chat-neuvontaan");
        await k.Save("pilot", title);
        await KeyboardUser.LastWrite(_auditor, id, User, "Henkilöstö on koulutettu chat-neuvontaan", "PilotLaunched", "StageGateDecided");

        // Participation: the totals are shown as they are typed and a mismatch is refused before sending.
        await k.OpenForm("Kirjaa osallistuminen", "participation");
        await k.SubmitEmpty("participation");
        await k.Type("Jakson alku", "2.3.2026");
        await k.Type("Jakson loppu", "8.3.2026");
        await k.Radio("Osallistumisen tapa", "Kehittäminen");
        await k.Radio("Kanava", "Digitaalinen");
        await k.Type("Asiakkaat", "30");
        await k.Type("Kokemusasiantuntijat", "5");
        await k.Type("30–64-vuotiaat", "20");
        await k.Type("65 vuotta täyttäneet", "10");
        (await k.Page.GetByTestId("total-by-kind").InnerTextAsync()).ShouldContain("35");
        (await k.Page.GetByTestId("totals-status").InnerTextAsync()).ShouldContain("eivät vielä täsmää");
        var before = _failedResponses.Count;
        await k.Activate(k.Page.GetByTestId("form-submit"));
        await k.Page.GetByTestId("error-summary").WaitForAsync();
        (await k.Page.GetByTestId("error-summary").InnerTextAsync()).ShouldContain("summien pitää olla samat");
        await k.Type("65 vuotta täyttäneet", "15");
        (await k.Page.GetByTestId("totals-status").InnerTextAsync()).ShouldContain("Summat täsmäävät: 35");
        await k.Save("participation", title);
        _failedResponses.Count.ShouldBe(before, "the mismatch was refused in the browser, not by the API");
        await KeyboardUser.LastWrite(_auditor, id, User, null, "ParticipationRecorded");

        await k.OpenForm("Kirjaa yhteiskehittämisen tilaisuus", "sessions");
        await k.SubmitEmpty("sessions");
        await k.Radio("Tilaisuuden tyyppi", "Kokemusasiantuntijaklinikka");
        await k.Type("Päivämäärä", "10.3.2026");
        await k.Type("Etukäteen sovittu teema", "Chat-pilotin palautteen keruu");
        await k.Type("Kokemusasiantuntijat", "6");
        await k.Type("Ammattilaiset", "3");
        await k.Type("Oivallukset (valinnainen)", "Chatin aukioloajat näkyviin");
        await k.Type("Syy muutokselle (valinnainen)", "Kuukausittainen klinikka");
        await k.Save("sessions", title);
        await KeyboardUser.LastWrite(_auditor, id, User, "Kuukausittainen klinikka", "CoDevelopmentSessionHeld");

        await k.OpenForm("Kirjaa mittaus", "measurements");
        await k.SubmitEmpty("measurements");
        await k.Select("Onnistumisen mittari", "Sähk", "Sähköisen asioinnin osuus (12 → 30 %)");
        (await k.Page.GetByTestId("criterion-beside").InnerTextAsync()).ShouldContain("Lähtötaso 12 → tavoite 30 %");
        await k.Type("Mitattu arvo", "31,5");
        await k.Type("Mittauspäivä", "30.4.2026");
        await k.Type("Syy muutokselle (valinnainen)", "Huhtikuun raportti");
        await k.Save("measurements", title);
        var measured = await KeyboardUser.LastWrite(_auditor, id, User, "Huhtikuun raportti", "MeasurementRecorded");
        measured[0]!["data"]!["at"]!.GetValue<string>().ShouldBe("2026-04-30");
        measured[0]!["data"]!["value"]!.GetValue<decimal>().ShouldBe(31.5m);

        await k.OpenForm("Kirjaa asiakaspalaute", "feedback");
        await k.SubmitEmpty("feedback");
        await k.Type("Palautekanava", "chat");
        await k.Radio("Arvio", "4");
        await k.Type("Palautteen teemat (valinnainen)", "nopeus, ystävällisyys");
        await k.Save("feedback", title);
        await KeyboardUser.LastWrite(_auditor, id, User, null, "FeedbackReceived");

        await k.OpenForm("Arvioi onnistumisen edellytykset", "success-factors");
        await k.SubmitEmpty("success-factors");
        foreach (var (factor, score) in new[] { ("Osaaminen", "4"), ("Sitoutuminen", "5"), ("Johtaminen", "4"), ("Luottamus ja yhteistyö", "4"),
                     ("Joustava työskentely", "3"), ("Juurruttaminen palveluprosesseihin", "3"), ("Resursointi", "2") })
            await k.Radio(factor, score);
        await k.Type("Syy muutokselle (valinnainen)", "Väliarvio ohjausryhmälle");
        await k.Save("success-factors", title);
        await KeyboardUser.LastWrite(_auditor, id, User, "Väliarvio ohjausryhmälle", "SuccessFactorsAssessed");

        // Piloting → Evaluating
        await k.OpenForm("Päätä pilotti", "pilot-end");
        await k.Type("Päättymispäivä", "");
        await k.SubmitEmpty("pilot-end");
        await k.Type("Päättymispäivä", "31.5.2026");
        await k.Type("Perustelu vaihepäätökselle", "Pilottijakso päättyi suunnitellusti");
        await k.Save("pilot-end", title);
        await KeyboardUser.LastWrite(_auditor, id, User, "Pilottijakso päättyi suunnitellusti", "PilotEnded", "StageGateDecided");

        await k.OpenForm("Arvioi kokeilu", "evaluation");
        (await k.Page.Locator("form").InnerTextAsync()).ShouldContain("viimeisin mittaus 31,5 (30.4.2026)");
        await k.SubmitEmpty("evaluation");
        await k.Radio("Saavutettiinko mittarin ”Sähköisen asioinnin osuus” tavoite?", "Täyttyi");
        await k.Type("Huomio mittarista ”Sähköisen asioinnin osuus” (valinnainen)", "Tavoite ylittyi huhtikuussa");
        await k.Radio("Ratkaisu", "Otetaan käyttöön");
        await k.Type("Opit", "Chat juurrutettiin palveluohjaukseen, ei liimattu vanhan prosessin päälle.");
        await k.Type("Syy muutokselle (valinnainen)", "Arviointiryhmän kokous 3.6.");
        await k.Save("evaluation", title);
        await KeyboardUser.LastWrite(_auditor, id, User, "Arviointiryhmän kokous 3.6.", "EvaluationCompleted");

        // Evaluating → Adopted
        await k.OpenForm("Ota käyttöön", "adopt");
        await k.SubmitEmpty("adopt");
        await k.Radio("Käyttöönoton laajuus", "Koko hyvinvointialue");
        await k.Type("Palveluprosessit, joihin toimintamalli juurrutetaan", "Palveluohjaus\nAsiakaspalaute");
        await k.Type("Toimintamallin nimi", "Chat-neuvonta sosiaalipalveluissa");
        await k.Type("Toimintamallin kuvaus verkossa (valinnainen)", "https://innokyla.fi/fi/toimintamalli/chat-neuvonta");
        await k.Type("Perustelu vaihepäätökselle", "Tavoitteet saavutettiin; johto päätti käyttöönotosta");
        await k.Save("adopt", title);
        await KeyboardUser.LastWrite(_auditor, id, User, "Tavoitteet saavutettiin; johto päätti käyttöönotosta", "ExperimentAdopted", "StageGateDecided");

        await k.OpenForm("Laajenna käyttöönottoa", "adoption-scope");
        await k.SubmitEmpty("adoption-scope");
        await k.Radio("Uusi laajuus", "Useampi hyvinvointialue");
        await k.Type("Perustelu vaihepäätökselle", "Länsi-Uusimaa ottaa mallin käyttöön");
        await k.Save("adoption-scope", title);
        await KeyboardUser.LastWrite(_auditor, id, User, "Länsi-Uusimaa ottaa mallin käyttöön", "AdoptionScopeWidened");

        // The experiment page a person trusts: a stage move is one entry, every entry says what.
        var timeline = k.Page.GetByTestId("timeline");
        var text = await timeline.InnerTextAsync();
        text.ShouldNotContain("StageGateDecided");
        text.ShouldNotContain("V2");
        (await timeline.Locator("li").CountAsync()).ShouldBe(13, text);
        text.ShouldContain("Vaihepäätös: Idea → Suunniteltu – perustelu: Suunnitelma hyväksyttiin ohjausryhmässä");
        text.ShouldContain("Vantaan Setlementti ry (Järjestöt)");
        text.ShouldContain("Sähköisen asioinnin osuus = 31,5 (30.4.2026)");
        text.ShouldContain("arviointikierros 1: Otetaan käyttöön");
        (await k.Page.GetByRole(AriaRole.Link, new() { Name = "Kirjaa mittaus" }).CountAsync()).ShouldBe(0, "an adopted experiment offers only what its stage allows");
        await k.Axe("experiment-adopted");
        await BrowserSession.Screenshot(k.Page, "experiment-adopted", output);

        k.Violations.ShouldBeEmpty(string.Join("\n", k.Violations));
        _pageErrors.ShouldBeEmpty();
        _failedResponses.ShouldBeEmpty();
    }
}
