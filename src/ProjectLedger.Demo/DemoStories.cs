using ProjectLedger.Experiments;
using ProjectLedger.Projects;

namespace ProjectLedger.Demo;

/// <summary>
/// The real stories of the seed articles (../shared/seeds), recognisable by title: Vantaa–Kerava's
/// experience-expert and NGO clinics, Helsinki's LeanLab pilot for Myllypuro, Essote's DigiSote
/// experiments, and the co-developed Yhteisen hyvän alusta adopted into Tampere's Kotitori.
/// </summary>
public static class DemoStories
{
    public const string ExperienceExpertClinics = "Kokemusasiantuntijaklinikat neuvonnan ja asiakasohjauksen kehittämisessä";
    public const string NgoClinics = "Järjestöklinikat neuvonnan ja asiakasohjauksen kehittämisessä";
    public const string LeanLab = "LeanLab-pilotti: Myllypuron terveys- ja hyvinvointikeskuksen suunnittelu asukkaiden kanssa";
    public const string CommonGoodPlatform = "Yhteisen hyvän alusta – palvelualustan yhteiskehittäminen järjestöjen ja hyvinvointialueiden kanssa";

    /// <summary>The clinic themes of the article, in the order they were taken up, then the ones that followed.</summary>
    public static readonly IReadOnlyList<string> ClinicThemes =
    [
        "Asiakaslähtöinen viestintä hyvinvointialueella",
        "Yhteydenottokanaviin liittyvä kehitystyö",
        "Chat-pilottien asiakaspalautteen kerääminen",
        "Alkuarviointilomakkeen kehittäminen sosiaalihuollossa",
        "Uusien tilojen suunnittelu ja tilaratkaisuihin liittyvät huomiot",
        "Palveluihin ohjautuminen yhden yhteydenoton toimintamallilla",
        "Varhaisen tunnistamisen toimintamallit",
        "Sähköisen asioinnin esteet ja digituki",
        "Asiakaspalautteen hyödyntäminen kehittämisessä",
    ];

    public static readonly IReadOnlyList<string> NgoClinicThemes =
    [
        "Viestintäyhteistyö sote-toimijoiden välillä",
        "Mitä kautta asiakkaat löytävät järjestöihin?",
        "Järjestöjen hyvät käytännöt asiakkaiden tavoittamiseen",
        "Miten sote-toimijat tuntisivat paremmin toistensa palvelut?",
        "Järjestöt hyvinvoinnin edistäjinä ja yhteisöihin integroijina",
    ];

    /// <summary>Adds the stories; returns how many experiments they are.</summary>
    public static int Add(DemoBuilder b)
    {
        var before = b.Experiments.Count;
        VantaaKerava(b);
        Helsinki(b);
        Essote(b);
        CommonGood(b);
        DemoSpread.Add(b);
        return b.Experiments.Count - before;
    }

    private static Project Project(DemoBuilder b, string county, string name) => b.Projects[county].First(p => p.Name == name);

    private static Dictionary<string, int> Counts(params (string Key, int Count)[] counts) => counts.Where(c => c.Count > 0).ToDictionary(c => c.Key, c => c.Count);

    private static DateOnly D(DateTimeOffset t) => DemoClock.DateOf(t);

    /// <summary>Today at 10 UTC (office hours in Finland): stories count whole days back from it, at least one.</summary>
    private static DateTimeOffset StoryNow(DemoBuilder b) => new(b.Clock.Today.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);

    // ---- Vantaa–Kerava: Asukkaan asialla, neuvonnan ja asiakasohjauksen kärki --------------------

    private static void VantaaKerava(DemoBuilder b)
    {
        const string county = "vantaa-kerava";
        var project = Project(b, county, DemoProjects.AsukkaanAsialla);
        var now = StoryNow(b);

        // Monthly experience-expert clinics, the theme agreed in advance.
        var clinics = b.Propose(county, ExperienceExpertClinics,
            "Sote-sektorilla kehitetään siiloissa, ja kokonaisymmärrys jää kapeaksi; palveluita käyttävien ääni ei kuulu kehittämisessä.",
            ["yhteiskehittäminen", "kokemusasiantuntijuus", "asiakasohjaus"], project, DemoVocabulary.Advice, now.AddDays(-684), "projektikonsultti");
        b.Plan(clinics, now.AddDays(-670), "Kun kokemusasiantuntijat kehittävät palveluita kuukausittain yhdessä kärjen asiantuntijoiden kanssa, esiin tulevat huomiot, jotka asiantuntijoilta jäisivät huomaamatta.",
            "Neuvonnan ja asiakasohjauksen palveluita käyttävät asukkaat",
            [new("Kokemusasiantuntijaklinikoita vuodessa", 0, 12, "kpl"), new("Klinikoilta kehittämiseen viedyt ehdotukset", 0, 30, "kpl")], 240,
            "Klinikat osaksi kärjen työtapaa");
        b.Join(clinics, now.AddDays(-669), "Vantaan ja Keravan kokemusasiantuntijat", "experienceExpert", "designedFor", "delivers");
        b.Join(clinics, now.AddDays(-669), "Neuvonnan ja asiakasohjauksen kärjen asiantuntijat", "professional", "delivers");
        b.Join(clinics, now.AddDays(-668), "Asukkaan asialla -hankkeen ohjausryhmä", "leadership", "resourcesAndLeads");
        b.Join(clinics, now.AddDays(-668), "Vantaan ja Keravan asukkaat", "client", "designedFor");
        var start = D(now.AddDays(-650));
        b.Launch(clinics, now.AddDays(-655), ["Neuvonnan ja asiakasohjauksen kärki", "Tikkurilan sote-keskus"], start, b.Clock.Today.AddDays(150),
            ["kasvokkain", "etäyhteys"], "Klinikat kerran kuussa");
        var dates = new List<DateOnly>();
        for (var d = b.Clock.Today.AddDays(-3); d >= start; d = d.AddDays(-30)) dates.Add(d);
        dates.Reverse();
        var held = 0;
        foreach (var date in dates)
        {
            var theme = ClinicThemes[held % ClinicThemes.Count];
            var at = b.OfficeHours(date);
            var experts = b.R.Next(5, 10);
            var professionals = b.R.Next(3, 6);
            b.Session(clinics, at, "experienceExpertClinic", date, theme, Counts(("experienceExpert", experts), ("professional", professionals)),
                ClinicInsights(b, theme), "Teema sovittu etukäteen edellisellä klinikalla");
            b.Participation(clinics, at.AddHours(2), date, date, held % 3 == 0 ? "planning" : held % 3 == 1 ? "development" : "evaluation",
                held % 2 == 0 ? "inPerson" : "digital", Counts(("experienceExpert", experts), ("professional", professionals)),
                b.AgeBands(experts + professionals, [0, 2, 6, 2]));
            if (++held % 3 == 0) b.Measure(clinics, at.AddHours(3), "Klinikoilta kehittämiseen viedyt ehdotukset", held * 2, date);
        }
        b.Factors(clinics, now.AddDays(-2), 4, 5, 4, 5, 4, 4, 3, "Kokemusasiantuntijoiden mukanaolo on tuonut lisäarvoa kehittämiselle");

        // NGO clinics every other month.
        var ngo = b.Propose(county, NgoClinics,
            "Sote-toimijat eivät tunne järjestöjen palveluita, eivätkä asiakkaat löydä järjestöihin.",
            ["yhteiskehittäminen", "järjestöyhteistyö", "asiakasohjaus"], project, DemoVocabulary.Advice, now.AddDays(-640), "projektikonsultti");
        b.Plan(ngo, now.AddDays(-630), "Joka toinen kuukausi pidettävä järjestöklinikka lisää keskinäistä ymmärrystä ja kirkastaa yhteisiä tavoitteita.",
            "Asukkaat, joita järjestöt ja sote-palvelut tavoittavat",
            [new("Järjestöklinikoita vuodessa", 0, 6, "kpl"), new("Klinikoihin osallistuneet järjestöt", 0, 25, "järjestöä")], 120);
        b.Join(ngo, now.AddDays(-629), "Vantaan ja Keravan alueen sosiaali- ja terveysjärjestöt", "ngo", "delivers", "designedFor");
        b.Join(ngo, now.AddDays(-629), "Suomen Punainen Risti, Vantaan osasto", "ngo", "delivers");
        b.Join(ngo, now.AddDays(-628), "Neuvonnan ja asiakasohjauksen kärjen asiantuntijat", "professional", "delivers");
        b.Join(ngo, now.AddDays(-628), "Asukkaan asialla -hankkeen ohjausryhmä", "leadership", "resourcesAndLeads");
        var ngoStart = D(now.AddDays(-610));
        b.Launch(ngo, now.AddDays(-615), ["Neuvonnan ja asiakasohjauksen kärki", "Järjestötalo, Tikkurila"], ngoStart, b.Clock.Today.AddDays(150),
            ["kasvokkain"], "Järjestöklinikat joka toinen kuukausi");
        var ngoDates = new List<DateOnly>();
        for (var d = b.Clock.Today.AddDays(-10); d >= ngoStart; d = d.AddDays(-61)) ngoDates.Add(d);
        ngoDates.Reverse();
        for (var i = 0; i < ngoDates.Count; i++)
        {
            var at = b.OfficeHours(ngoDates[i]);
            var organisations = b.R.Next(6, 14);
            var professionals = b.R.Next(2, 5);
            b.Session(ngo, at, "ngoClinic", ngoDates[i], NgoClinicThemes[i % NgoClinicThemes.Count], Counts(("ngo", organisations), ("professional", professionals)),
                [i % 2 == 0 ? "Järjestöillä on hyviä käytäntöjä asiakkaiden tavoittamiseen, joita sote-palvelut voivat hyödyntää." : "Sote-toimijoiden on tunnettava toistensa palvelut, jotta asiakas ohjautuu oikeaan paikkaan."],
                "Teema sovittu etukäteen");
            b.Participation(ngo, at.AddHours(2), ngoDates[i], ngoDates[i], i % 2 == 0 ? "planning" : "development", "inPerson",
                Counts(("ngo", organisations), ("professional", professionals)), b.AgeBands(organisations + professionals, [0, 1, 6, 2]));
        }

        // Chat pilots, with client feedback collected as the clinic advised; adopted county-wide.
        var chat = b.Propose(county, "Chat-pilotit sosiaali- ja terveysneuvonnassa",
            "Asukkaat jonottavat puhelimessa, ja sähköistä asiointia on vähän.", ["chat", "asiakasohjaus", "digitaalinen osallisuus"],
            project, DemoVocabulary.Advice, now.AddDays(-600));
        b.Plan(chat, now.AddDays(-585), "Chat lisää sähköistä asiointia ja auttaa asukasta saamaan palvelun yhdellä yhteydenotolla.", "Neuvonnan asiakkaat",
            [new("Sähköisen asioinnin osuus yhteydenotoista", 12, 30, "%"), new("Yhdellä yhteydenotolla palvelun saaneet", 55, 75, "%")], 160);
        b.Join(chat, now.AddDays(-584), "Vantaan ja Keravan asukkaat", "client", "designedFor");
        b.Join(chat, now.AddDays(-584), "Sosiaali- ja terveysneuvonnan chat-tiimi", "professional", "delivers");
        b.Join(chat, now.AddDays(-583), "Vantaan ja Keravan kokemusasiantuntijat", "experienceExpert", "designedFor");
        var chatStart = D(now.AddDays(-560));
        b.Launch(chat, now.AddDays(-562), ["Sosiaali- ja terveysneuvonta", "Aikuissosiaalityö"], chatStart, chatStart.AddDays(240), ["chat"]);
        for (var k = 1; k <= 8; k++)
        {
            var end = chatStart.AddDays(30 * k - 1);
            var at = b.OfficeHours(end.AddDays(2));
            var clients = b.R.Next(60, 140);
            b.Participation(chat, at, end.AddDays(-29), end, "implementation", "digital", Counts(("client", clients)), b.AgeBands(clients, [2, 5, 8, 3]));
            b.Measure(chat, at.AddMinutes(10), "Sähköisen asioinnin osuus yhteydenotoista", Math.Round(12m + 2.4m * k, 1), end);
            b.Measure(chat, at.AddMinutes(11), "Yhdellä yhteydenotolla palvelun saaneet", Math.Round(55m + 2.7m * k, 1), end);
            for (var f = 0; f < 3; f++)
                b.Feedback(chat, at.AddMinutes(20 + f), "chat", Math.Clamp(4 + b.R.Next(-1, 2), 1, 5), [b.Pick(DemoVocabulary.FeedbackThemes)]);
            if (k == 3)
                b.Session(chat, at.AddHours(1), "experienceExpertClinic", end.AddDays(1), ClinicThemes[2], Counts(("experienceExpert", 7), ("professional", 4)),
                    ["Palautekysely heti chat-keskustelun päätteeksi, yksi kysymys ja vapaa sana.", "Chatin aukioloajat näkyviin kaikkiin kanaviin."],
                    "Teema sovittu kokemusasiantuntijaklinikalla");
        }
        b.Factors(chat, b.OfficeHours(chatStart.AddDays(235)), 4, 4, 4, 4, 4, 5, 3);
        b.EndPilot(chat, b.OfficeHours(chatStart.AddDays(241)), chatStart.AddDays(240));
        b.Evaluate(chat, now.AddDays(-290), "adopt", "Chat tavoitti asukkaat ja lisäsi sähköistä asiointia; palautteen kerääminen heti keskustelun päätteeksi toimi.");
        b.Adopt(chat, now.AddDays(-270), "County", ["Sosiaali- ja terveysneuvonta", "Asiakasohjaus"], "Chat-neuvonnan toimintamalli (Vantaa–Kerava)",
            "https://innokyla.fi/fi/toimintamalli/chat-neuvonta-vantaa-kerava", "Sähköisen asioinnin tavoite saavutettiin; chat vakiinnutetaan koko hyvinvointialueelle.");

        // The social-care initial-assessment form: a live pilot, shaped at a clinic.
        var form = b.Propose(county, "Sosiaalihuollon alkuarviointilomakkeen uudistus",
            "Alkuarviointilomake on asiakkaalle vaikea, ja samat tiedot kysytään moneen kertaan.", ["alkuarviointi", "sosiaalityö", "yhteiskehittäminen"],
            project, DemoVocabulary.Advice, now.AddDays(-330));
        b.Join(form, now.AddDays(-325), "Aikuissosiaalityön palvelutarpeen arviointi", "professional", "delivers");
        b.Session(form, now.AddDays(-300), "experienceExpertClinic", D(now.AddDays(-300)), ClinicThemes[3],
            Counts(("experienceExpert", 8), ("professional", 3)), ["Kysymykset selkokielelle.", "Lomakkeen voi täyttää yhdessä työntekijän kanssa chatissa."]);
        b.Plan(form, now.AddDays(-200), "Kokemusasiantuntijoiden kanssa uudistettu lomake nopeuttaa alkuarviointia ja vähentää täydennyksiä.", "Sosiaalihuollon uudet asiakkaat",
            [new("Alkuarvioinnin läpimenoaika", 14, 7, "vrk"), new("Sähköisesti jätettyjen alkuarviointien osuus", 5, 35, "%")], 90);
        b.Join(form, now.AddDays(-199), "Vantaan ja Keravan kokemusasiantuntijat", "experienceExpert", "designedFor", "delivers");
        var formStart = D(now.AddDays(-75));
        b.Launch(form, now.AddDays(-78), ["Tikkurilan sosiaaliasema", "Myyrmäen sosiaaliasema"], formStart, b.Clock.Today.AddDays(95), ["verkkolomake"]);
        for (var k = 1; k * 14 < 75; k++)
        {
            var end = formStart.AddDays(14 * k - 1);
            var clients = b.R.Next(15, 40);
            b.Participation(form, b.OfficeHours(end.AddDays(1)), end.AddDays(-13), end, "implementation", "digital", Counts(("client", clients)), b.AgeBands(clients, [0, 3, 7, 2]));
        }
        b.Measure(form, now.AddDays(-3), "Alkuarvioinnin läpimenoaika", 9, D(now.AddDays(-4)));
        b.Participation(form, now.AddDays(-1), b.Clock.Today.AddDays(-7), b.Clock.Today.AddDays(-1), "implementation", "digital",
            Counts(("client", 23)), b.AgeBands(23, [0, 3, 7, 2]));

        // New premises, planned with experience experts.
        var premises = b.Propose(county, "Uusien sote-keskustilojen suunnittelu kokemusasiantuntijoiden kanssa",
            "Uudet tilat suunnitellaan ilman niiden käyttäjiä.", ["yhteiskehittäminen", "tilasuunnittelu"], project, DemoVocabulary.Advice, now.AddDays(-250));
        b.Session(premises, now.AddDays(-240), "experienceExpertClinic", D(now.AddDays(-240)), ClinicThemes[4],
            Counts(("experienceExpert", 6), ("professional", 4)), ["Opasteet ja esteettömyys ensin.", "Odotustilaan rauhallinen nurkkaus."]);
        b.Plan(premises, now.AddDays(-150), "Kokemusasiantuntijoiden huomiot tekevät tiloista saavutettavammat.", "Sote-keskuksen asiakkaat",
            [new("Suunnitelmaan viedyt asukkaiden ehdotukset", 0, 15, "kpl")], 60);
    }

    private static IReadOnlyList<string> ClinicInsights(DemoBuilder b, string theme) =>
    [
        b.Pick(new[]
        {
            "Kokemusasiantuntijat peilasivat kehitteillä olevia ideoita ja pilotteja omaan taustaansa.",
            "Esiin tuli huomioita, jotka olisivat jääneet asiantuntijoilta huomaamatta.",
            "Saatiin omakohtaista kokemusta siitä, mikä palveluissa toimii ja mikä ei.",
        }),
        $"Jatkotyö: {theme.ToLowerInvariant()} – ehdotukset kärjen työlistalle.",
    ];

    // ---- Helsinki: LeanLab for the Myllypuro health and wellbeing centre ------------------------

    private static void Helsinki(DemoBuilder b)
    {
        const string county = "helsinki";
        var project = Project(b, county, DemoProjects.HelsinkiCentres);
        var now = StoryNow(b);
        var s = b.Propose(county, LeanLab,
            "Terveys- ja hyvinvointikeskus suunnitellaan usein ilman asukkaita; iltatilaisuuksiin ehtivät harvat.",
            ["digitaalinen osallisuus", "yhteiskehittäminen", "ikäihmiset", "nuoret"], project, DemoVocabulary.Participation, now.AddDays(-610), "erityissuunnittelija");
        b.Plan(s, now.AddDays(-595), "Asynkroninen verkkoalusta, jolle voi osallistua itselle sopivana ajankohtana, tuo suunnitteluun laajan joukon asukkaita kaikista ikäryhmistä.",
            "Myllypuron ja lähialueiden asukkaat",
            [new("Kehittämiseen osallistuneet asukkaat", 0, 100, "henkilöä"), new("Yli 65-vuotiaiden osuus osallistujista", 0, 20, "%"),
             new("Alle 30-vuotiaiden osuus osallistujista", 0, 15, "%")], 150, "ASKO-hankkeen oppien pohjalta");
        b.Join(s, now.AddDays(-594), "Helsingin kaupungin osallisuus- ja vuorovaikutusyksikkö", "professional", "delivers");
        b.Join(s, now.AddDays(-594), "Myllypuron asukkaat", "client", "designedFor");
        b.Join(s, now.AddDays(-593), "Sosiaali-, terveys- ja pelastustoimialan johto", "leadership", "resourcesAndLeads");
        b.Join(s, now.AddDays(-593), "Sote-ammattilaiset asiakasosallisuuden osaajiksi (ASKO) -hanke, Työterveyslaitos", "research", "delivers");
        var start = D(now.AddDays(-570));
        b.Launch(s, now.AddDays(-575), ["Myllypuron terveys- ja hyvinvointikeskus (suunnitteilla)", "LeanLab-verkkoalusta"], start, start.AddDays(70),
            ["verkkoalusta"], "Monikanavainen rekrytointi: verkko, kirjastot, asukastalot, nuorisotalot");
        b.Session(s, b.OfficeHours(start.AddDays(35)), "workshop", start.AddDays(35), "Kehittäjäryhmän välitulokset terveys- ja hyvinvointikeskuksen suunnittelijoille",
            Counts(("professional", 9), ("leadership", 2)), ["Kehittäjäryhmässä syntyi konkreettisia ajatuksia keskuksen suunnitteluun.", "Alustan käyttöön ja ryhmän työskentelyyn parannusehdotuksia."]);
        b.Participation(s, b.OfficeHours(start.AddDays(72)), start, start.AddDays(70), "planning", "digital",
            Counts(("client", 104)), new Dictionary<string, int> { ["under18"] = 0, ["18to29"] = 0, ["30to64"] = 60, ["65plus"] = 44 },
            "Kehittämiseen osallistui aktiivisesti 104 kuntalaista");
        b.Measure(s, b.OfficeHours(start.AddDays(73)), "Kehittämiseen osallistuneet asukkaat", 104, start.AddDays(70));
        b.Measure(s, b.OfficeHours(start.AddDays(73)).AddMinutes(1), "Yli 65-vuotiaiden osuus osallistujista", 42.3m, start.AddDays(70));
        b.Measure(s, b.OfficeHours(start.AddDays(73)).AddMinutes(2), "Alle 30-vuotiaiden osuus osallistujista", 0, start.AddDays(70));
        b.Feedback(s, b.OfficeHours(start.AddDays(74)), "verkkolomake", 4, ["hyödyllisyys", "osallistuminen itselle sopivana aikana"]);
        b.Factors(s, b.OfficeHours(start.AddDays(76)), 4, 4, 4, 4, 5, 3, 2, "Dialogin lisääminen edellyttää ammattilaisten työajan resursointia");
        b.EndPilot(s, b.OfficeHours(start.AddDays(77)), start.AddDays(70));
        b.Evaluate(s, b.OfficeHours(start.AddDays(100)), "adopt",
            "Digitaalinen alusta ei rajannut pois ikäihmisiä: yli 40 % osallistujista oli yli 65-vuotiaita. Nuoria ei tavoitettu monikanavaisesta rekrytoinnista huolimatta. " +
            "Asukkaat ja ammattilaiset kokivat työskentelyn hyödylliseksi. Dialogin lisääminen edellyttää ammattilaisten työajan resursointia osallisuustyöhön.");
        b.Adopt(s, b.OfficeHours(start.AddDays(130)), "County", ["Terveys- ja hyvinvointikeskusten suunnittelu", "Asukasosallisuus palveluiden kehittämisessä"],
            "Asukkaiden digitaalinen kehittäjäryhmä (LeanLab)", "https://innokyla.fi/fi/toimintamalli/asukkaiden-digitaalinen-kehittajaryhma-leanlab",
            "Menetelmä otetaan käyttöön seuraavien keskusten suunnittelussa; nuorten tavoittamiseen suunnitellaan omat kanavat.");
    }

    // ---- Etelä-Savo: DigiSote at Essote ---------------------------------------------------------

    private static void Essote(DemoBuilder b)
    {
        const string county = "etela-savo";
        var project = Project(b, county, DemoProjects.DigiSote);
        var now = StoryNow(b);
        var ws = DemoVocabulary.Digital;
        var criteriaE = new SuccessCriterionInput[] { new("Sähköisen asioinnin osuus yhteydenotoista", 8, 25, "%") };

        var e1 = b.Propose(county, "Sähköinen asiointi aikuissosiaalityössä (Essote)",
            "Aikuissosiaalityön asiakkaat voivat asioida vain puhelimitse tai käymällä.", ["sosiaalityö", "digitaaliset palvelut"], project, ws, now.AddDays(-660), "projektipäällikkö");
        b.Plan(e1, now.AddDays(-640), "Kun sähköinen asiointi juurrutetaan yksikön palveluprosessiin ja työntekijät ohjaavat asiakkaat siihen, sähköinen asiointi lisääntyy.",
            "Aikuissosiaalityön asiakkaat Mikkelissä", criteriaE, 120);
        b.Join(e1, now.AddDays(-639), "Essoten aikuissosiaalityö", "professional", "delivers");
        b.Join(e1, now.AddDays(-639), "Essoten sosiaalipalveluiden johto", "leadership", "resourcesAndLeads");
        b.Join(e1, now.AddDays(-638), "Aikuissosiaalityön asiakkaat", "client", "designedFor");
        b.Factors(e1, now.AddDays(-630), 3, 4, 4, 4, 4, 3, 3, "Lähtötason arvio: yksilö- ja organisaatiotason tekijät");
        var s1 = D(now.AddDays(-610));
        b.Launch(e1, now.AddDays(-612), ["Mikkelin sosiaaliasema"], s1, s1.AddDays(180), ["verkkoasiointi"]);
        for (var k = 1; k <= 6; k++)
        {
            var end = s1.AddDays(30 * k - 1);
            var clients = b.R.Next(20, 50);
            b.Participation(e1, b.OfficeHours(end.AddDays(2)), end.AddDays(-29), end, "implementation", "digital", Counts(("client", clients)), b.AgeBands(clients, [0, 3, 7, 2]));
            b.Measure(e1, b.OfficeHours(end.AddDays(2)).AddMinutes(5), criteriaE[0].Metric!, 8 + 3.2m * k, end);
        }
        b.Factors(e1, b.OfficeHours(s1.AddDays(182)), 4, 5, 4, 5, 4, 5, 4, "Loppuarvio: yhteistyö, luottamus ja joustava työskentely kunnossa");
        b.EndPilot(e1, b.OfficeHours(s1.AddDays(183)), s1.AddDays(180));
        b.Evaluate(e1, b.OfficeHours(s1.AddDays(200)), "adopt", "Onnistui, koska asiointi juurrutettiin palveluprosessiin ja työntekijät olivat sitoutuneita ja kykeneviä ohjaamaan asiakkaita.");
        b.Adopt(e1, b.OfficeHours(s1.AddDays(215)), "County", ["Aikuissosiaalityön asiakasprosessi"], "Sähköinen asiointi aikuissosiaalityössä",
            "https://innokyla.fi/fi/toimintamalli/sahkoinen-asiointi-aikuissosiaalityossa-essote", "Tavoite ylittyi; malli koko Essoten alueelle.");

        var e2 = b.Propose(county, "Etävastaanotto kotihoidossa (Essote)",
            "Kotihoidon käynnit vievät siirtymäaikaa.", ["ikäihmiset", "etäpalvelut"], project, ws, now.AddDays(-560), "palveluesihenkilö");
        b.Plan(e2, now.AddDays(-540), "Videovastaanotto korvaa osan kotikäynneistä.", "Kotihoidon asiakkaat",
            [new("Etäkäyntien osuus kotihoidon käynneistä", 0, 15, "%")], 40);
        b.Join(e2, now.AddDays(-539), "Essoten kotihoito, Savonlinna", "professional", "delivers");
        b.Join(e2, now.AddDays(-539), "Kotihoidon asiakkaat ja omaiset", "client", "designedFor");
        var s2 = D(now.AddDays(-520));
        b.Launch(e2, now.AddDays(-522), ["Savonlinnan kotihoito"], s2, s2.AddDays(150), ["video"]);
        b.Measure(e2, b.OfficeHours(s2.AddDays(60)), "Etäkäyntien osuus kotihoidon käynneistä", 2.5m, s2.AddDays(59));
        b.Factors(e2, b.OfficeHours(s2.AddDays(62)), 3, 2, 2, 3, 2, 1, 2, "Väliarvio: palvelu vanhan prosessin päällä");
        b.Discontinue(e2, b.OfficeHours(s2.AddDays(90)), DemoVocabulary.Failures[0].Reason, DemoVocabulary.Failures[0].Lessons);

        var e3 = b.Propose(county, "Digitaalinen palveluohjaus Essoten sosiaali- ja terveysneuvonnassa",
            "Asiakkaat eivät löydä digitaalisia palveluita, eikä neuvonta ohjaa niihin.", ["asiakasohjaus", "digitaaliset palvelut"], project, ws, now.AddDays(-480));
        b.Plan(e3, now.AddDays(-465), "Neuvonta ohjaa asiakkaan digitaaliseen palveluun ensimmäisessä yhteydenotossa.", "Neuvonnan asiakkaat", criteriaE, 80);
        b.Join(e3, now.AddDays(-464), "Essoten sosiaali- ja terveysneuvonta", "professional", "delivers");
        var s3 = D(now.AddDays(-440));
        b.Launch(e3, now.AddDays(-442), ["Mikkelin sosiaali- ja terveysneuvonta"], s3, s3.AddDays(120), ["puhelin", "chat"]);
        b.Measure(e3, b.OfficeHours(s3.AddDays(119)), criteriaE[0].Metric!, 11, s3.AddDays(119));
        b.Factors(e3, b.OfficeHours(s3.AddDays(120)), 2, 2, 3, 3, 3, 2, 2, "Henkilöstö ei kyennyt ohjaamaan asiakkaita digipalveluun");
        b.EndPilot(e3, b.OfficeHours(s3.AddDays(121)), s3.AddDays(120));
        b.Evaluate(e3, b.OfficeHours(s3.AddDays(140)), "revise", "Työntekijöiden tulee olla sitoutuneita ja kykeneviä ohjaamaan asiakkaita; perehdytys lisätään ennen uutta pilottia.");
        b.Plan(e3, b.OfficeHours(s3.AddDays(170)), "Perehdytetty neuvonta ohjaa asiakkaan digitaaliseen palveluun ensimmäisessä yhteydenotossa.", "Neuvonnan asiakkaat", criteriaE, 160,
            "Perehdytys ja ohjauksen käsikirjoitus lisätty");
        var s3b = D(now.AddDays(-90));
        b.Launch(e3, now.AddDays(-92), ["Mikkelin sosiaali- ja terveysneuvonta", "Pieksämäen palvelupiste"], s3b, b.Clock.Today.AddDays(60), ["puhelin", "chat"]);
        b.Factors(e3, now.AddDays(-30), 4, 4, 4, 4, 4, 3, 3, "Toisen kierroksen väliarvio");
        b.Participation(e3, now.AddDays(-4), b.Clock.Today.AddDays(-30), b.Clock.Today.AddDays(-5), "implementation", "digital",
            Counts(("client", 41), ("professional", 6)), b.AgeBands(47, [0, 2, 6, 3]));

        var e4 = b.Propose(county, "Sähköinen ajanvaraus suun terveydenhuoltoon (Essote)",
            "Ajanvaraus ruuhkautuu puhelimessa.", ["digitaaliset palvelut"], project, ws, now.AddDays(-400));
        b.Plan(e4, now.AddDays(-380), "Sähköinen ajanvaraus vähentää puheluita.", "Suun terveydenhuollon asiakkaat",
            [new("Sähköisten ajanvarausten osuus", 0, 40, "%")], 20);
        b.Factors(e4, now.AddDays(-378), 2, 1, 2, 2, 3, 2, 1, "Henkilöstö ei sitoutunut; aikaa ei resursoitu");
        b.Discontinue(e4, now.AddDays(-330), DemoVocabulary.Failures[1].Reason, DemoVocabulary.Failures[1].Lessons);
    }

    // ---- Yhteisen hyvän alusta, adopted into Tampere's Kotitori ---------------------------------

    private static void CommonGood(DemoBuilder b)
    {
        var project = Project(b, "etela-savo", DemoProjects.YhteisenHyvanAlusta);
        var now = StoryNow(b);
        var s = b.Propose("etela-savo", CommonGoodPlatform,
            "Monipalveluasiakkaiden palvelupolut katkeavat, koska järjestöt, yritykset ja julkiset palvelut eivät tee yhteistyötä digitaalisesti.",
            ["yhteiskehittäminen", "asiakasohjaus", "järjestöyhteistyö", "palveluintegraatio"], project, "Palvelualustan yhteiskehittäminen", now.AddDays(-688), "toimitusjohtaja");
        (string Org, string Kind, string[] Roles)[] stakeholders =
        [
            ("Alustapalvelu Sociala Oy", "company", ["delivers", "resourcesAndLeads"]),
            ("Diakonia-ammattikorkeakoulu", "education", ["delivers"]),
            ("Sosiaalityön ammattilaiset", "professional", ["delivers"]),
            ("Kuntien hankintajohtajat", "leadership", ["resourcesAndLeads"]),
            ("Asiakasohjauksen asiantuntijat", "professional", ["delivers"]),
            ("Monipalveluasiakkaat", "client", ["designedFor"]),
            ("Palveluita tuottavat järjestöt", "ngo", ["delivers"]),
            ("Tutkijat", "research", ["delivers"]),
            ("Sote-palveluiden tarjoajat", "company", ["delivers"]),
        ];
        var at = now.AddDays(-686);
        foreach (var (org, kind, roles) in stakeholders) b.Join(s, at = at.AddHours(3), org, kind, roles);
        (string Place, string Theme)[] workshops =
        [
            ("Mikkeli", "Monipalveluasiakkaan eheä palvelupolku"),
            ("Lappeenranta", "Eri toimijoiden yhteistyön tukeminen"),
            ("Kuopio", "Tiedon hyödyntäminen palveluohjauksessa"),
            ("Mikkeli", "Digitaalisten yhteistyöprosessien vahvistaminen"),
            ("Lappeenranta", "Palvelutilaukset ja asiakaspalaute alustalla"),
            ("Kuopio", "Alustan konseptin hyväksyminen"),
        ];
        var day = D(now.AddDays(-670));
        foreach (var (place, theme) in workshops)
        {
            day = day.AddDays(b.R.Next(18, 26));
            var when = b.OfficeHours(day);
            b.Session(s, when, "workshop", day, $"{theme} ({place})",
                Counts(("professional", b.R.Next(5, 10)), ("leadership", 2), ("client", b.R.Next(3, 7)), ("ngo", b.R.Next(3, 8)), ("research", 2), ("company", 3)),
                ["Palvelumuotoilun menetelmin kasvatettiin yhteistä ymmärrystä.", "Eri toimijoiden yhteistyön tukeminen on tärkeää monipalveluasiakkaan eheän palvelupolun kannalta."]);
            var clients = b.R.Next(4, 9);
            b.Participation(s, when.AddHours(3), day, day, day < D(now.AddDays(-600)) ? "ideation" : "planning", "inPerson",
                Counts(("client", clients), ("professional", 6)), b.AgeBands(clients + 6, [0, 2, 6, 3]));
        }
        b.Plan(s, b.OfficeHours(day.AddDays(10)), "Yhteiskehitetty digitaalinen alusta sujuvoittaa neuvontaa, palveluohjausta, palvelutilauksia ja asiakaspalautetta järjestöjen ja yritysten kanssa.",
            "Monipalveluasiakkaat ja heitä palvelevat ammattilaiset",
            [new("Alustalla palvellut asiakkaat", 0, 300, "asiakasta/pv"), new("Alustaa käyttävät ammattilaiset ja palveluntarjoajat", 0, 40, "kpl")], 600);
        var start = day.AddDays(30);
        b.Launch(s, b.OfficeHours(day.AddDays(25)), ["Etelä-Savo", "Etelä-Karjala", "Pohjois-Savo"], start, start.AddDays(150), ["verkkoalusta"]);
        for (var k = 1; k <= 5; k++)
        {
            var end = start.AddDays(30 * k - 1);
            var clients = 40 * k + b.R.Next(20);
            b.Participation(s, b.OfficeHours(end.AddDays(2)), end.AddDays(-29), end, k < 3 ? "development" : "implementation", "digital",
                Counts(("client", clients), ("professional", 10 + k * 3), ("ngo", 4)), b.AgeBands(clients + 14 + k * 3, [0, 2, 6, 4]));
            b.Measure(s, b.OfficeHours(end.AddDays(2)).AddMinutes(5), "Alustalla palvellut asiakkaat", 70 * k, end);
            b.Measure(s, b.OfficeHours(end.AddDays(2)).AddMinutes(6), "Alustaa käyttävät ammattilaiset ja palveluntarjoajat", 9 * k, end);
        }
        b.Factors(s, b.OfficeHours(start.AddDays(150)), 4, 5, 4, 5, 5, 4, 4, "Yhteistyö, luottamus ja joustava työskentely");
        b.EndPilot(s, b.OfficeHours(start.AddDays(152)), start.AddDays(150));
        b.Evaluate(s, b.OfficeHours(start.AddDays(170)), "adopt", "Lukuisat työpajat olivat yhdessä oppimisen paikkoja; yhteiskehittäminen tuotti alustan, jota käytetään päivittäin.");
        b.Join(s, b.OfficeHours(start.AddDays(172)), "Tampereen kaupunki, Kotitori-palveluintegraattori", "leadership", "resourcesAndLeads");
        var adopted = b.OfficeHours(start.AddDays(180));
        b.Adopt(s, adopted, "MultiCounty",
        [
            "Kotitorin neuvonta ja palveluohjaus",
            "Asiakasohjaajien palvelutilaukset kotona asumisen tueksi",
            "Asiakaspalautteet ja raportointi",
            "Henkilöstövuokrauksen digitaaliset yhteistyöprosessit",
            "Omarahoitteisten palveluiden markkinointi yhdessä järjestöjen ja yritysten kanssa",
        ], "Yhteisen hyvän alusta® Tampereen Kotitori-palveluintegraattorimallissa", "https://innokyla.fi/fi/toimintamalli/yhteisen-hyvan-alusta-kotitori",
            "Alusta ja yhteiskehittämiseen perustuva toimintakulttuuri otettiin osaksi Tampereen Kotitori-palveluintegraattorimallia; alusta palvelee päivittäin satoja asiakkaita ja kymmeniä ammattilaisia ja palveluntarjoajia.");
        b.Publish(s, adopted.AddDays(3), true, "Toimintamalli julkaistaan, jotta muut alueet voivat ottaa alustan käyttöön.");
        b.Widen(s, now.AddDays(-45), "National", "Innokylään julkaistu toimintamalli on levinnyt muille hyvinvointialueille järjestöjen ja yritysten yhteistyön alustaksi.");

        // Kotitori's own follow-up in Pirkanmaa.
        var pirkanmaa = b.Projects["pirkanmaa"].First();
        var k2 = b.Adapt(s, "pirkanmaa", "Kotitori: palvelutilaukset ja asiakaspalaute Yhteisen hyvän alustalla",
            "Asiakasohjaajien palvelutilaukset kotona asumisen tueksi kulkevat sähköpostilla ja puhelimella.", ["palvelutori", "asiakasohjaus", "ikäihmiset"],
            adopted.AddDays(10), pirkanmaa, DemoVocabulary.Advice, "palveluohjaaja");
        b.Plan(k2, adopted.AddDays(25), "Palvelutilaukset ja palaute samalla alustalla nopeuttavat kotona asumisen tukea.", "Kotona asuvat ikäihmiset Tampereella",
            [new("Alustan kautta tehdyt palvelutilaukset", 0, 500, "kpl/kk")], 200);
        b.Join(k2, adopted.AddDays(26), "Tampereen Kotitori", "professional", "delivers");
        b.Join(k2, adopted.AddDays(26), "Alustapalvelu Sociala Oy", "company", "delivers");
        var k2start = D(adopted.AddDays(40));
        b.Launch(k2, adopted.AddDays(38), ["Tampereen Kotitori"], k2start, k2start.AddDays(120), ["verkkoalusta", "puhelin"]);
        b.Measure(k2, b.OfficeHours(k2start.AddDays(119)), "Alustan kautta tehdyt palvelutilaukset", 540, k2start.AddDays(119));
        b.EndPilot(k2, b.OfficeHours(k2start.AddDays(121)), k2start.AddDays(120));
        b.Evaluate(k2, b.OfficeHours(k2start.AddDays(135)), "adopt", "Palvelutilaukset siirtyivät alustalle; asiakaspalautteet ja raportointi samassa paikassa.");
        b.Adopt(k2, b.OfficeHours(k2start.AddDays(140)), "County", ["Kotitorin palvelutilaukset", "Asiakaspalautteet ja raportointi"],
            "Kotitorin palvelutilaukset Yhteisen hyvän alustalla", "https://innokyla.fi/fi/toimintamalli/kotitori-palvelutilaukset",
            "Käytössä päivittäin koko Pirkanmaan Kotitorissa.");
    }
}
