using ProjectLedger.Experiments;

namespace ProjectLedger.Demo;

/// <summary>
/// The public catalogue and lineage, alive: a handful of the real-story models published (Vantaa–Kerava's
/// chat model shaped at its clinics, Helsinki's LeanLab, Essote's e-services, Yhteisen hyvän alusta and
/// Kotitori), and models adapted across counties: Keski-Uusimaa adopts Vantaa–Kerava's chat model,
/// Pohjois-Savo pilots Yhteisen hyvän alusta, Lappi plans LeanLab's way of planning with residents.
/// </summary>
public static class DemoSpread
{
    public static void Add(DemoBuilder b)
    {
        var chat = b.Story("Chat-pilotit sosiaali- ja terveysneuvonnassa");
        var leanLab = b.Story(DemoStories.LeanLab);
        var essote = b.Story("Sähköinen asiointi aikuissosiaalityössä (Essote)");
        var now = b.Clock.Now;

        b.Publish(chat, now.AddDays(-240), true, "Klinikoilla muotoiltu chat-malli on valmis muiden hyvinvointialueiden käyttöön.");
        b.Publish(leanLab, now.AddDays(-120), false, "Asukkaiden kanssa suunnittelun malli jaetaan Innokylässä.");
        b.Publish(essote, now.AddDays(-200), true, "Essoten sähköisen asioinnin kokemukset jaetaan DigiSote-verkostolle.");
        var kotitori = b.Experiments.FirstOrDefault(e => e.Current.AdaptedFrom is not null && e.Current.County == "pirkanmaa");
        if (kotitori?.Current.Adoption is not null) b.Publish(kotitori, now.AddDays(-30), true, "Kotitorin palvelutilausmalli jaetaan muille palvelutoreille.");

        // Keski-Uusimaa takes Vantaa–Kerava's chat model into its own advice service, and adopts it in one unit.
        var keuke = b.Adapt(chat, "keski-uusimaa", "Chat-neuvonta Keski-Uudenmaan sosiaalipalveluihin",
            "Sosiaalipalveluiden neuvontaan jonotetaan puhelimessa; sähköistä asiointia on vähän.", ["chat", "asiakasohjaus"], now.AddDays(-230));
        b.Plan(keuke, now.AddDays(-220), "Vantaa–Keravan chat-malli lisää sähköistä asiointia myös Keski-Uudellamaalla.", "Sosiaalipalveluiden asiakkaat",
            [new("Sähköisen asioinnin osuus yhteydenotoista", 10, 25, "%")], 80);
        var start = DemoClock.DateOf(now.AddDays(-200));
        b.Launch(keuke, now.AddDays(-202), ["Hyvinkään sosiaalineuvonta"], start, start.AddDays(90), ["chat"]);
        b.Participation(keuke, b.OfficeHours(start.AddDays(30)), start, start.AddDays(29), "implementation", "digital",
            new Dictionary<string, int> { ["client"] = 86 }, b.AgeBands(86, [1, 4, 8, 3]));
        b.Measure(keuke, b.OfficeHours(start.AddDays(89)), "Sähköisen asioinnin osuus yhteydenotoista", 27, start.AddDays(89));
        b.EndPilot(keuke, b.OfficeHours(start.AddDays(91)), start.AddDays(90));
        b.Evaluate(keuke, b.OfficeHours(start.AddDays(100)), "adopt", "Valmis malli nopeutti käyttöönottoa; aukioloajat kannatti sopia kokemusasiantuntijoiden kanssa.");
        b.Adopt(keuke, b.OfficeHours(start.AddDays(110)), "Unit", ["Sosiaalipalveluiden neuvonta"], "Chat-neuvonta (Keski-Uusimaa, Vantaa–Keravan mallista)",
            "https://innokyla.fi/fi/toimintamalli/chat-neuvonta-keski-uusimaa",
            "Tavoite ylittyi; chat vakiinnutetaan sosiaalineuvontaan.");

        // Pohjois-Savo pilots Yhteisen hyvän alusta with its own NGOs.
        var platform = b.Story(DemoStories.CommonGoodPlatform);
        var savo = b.Adapt(platform, "pohjois-savo", "Yhteisen hyvän alusta Pohjois-Savon järjestöyhteistyöhön",
            "Järjestöjen palvelut eivät löydy asiakasohjauksesta.", ["palvelutori", "järjestöyhteistyö"], now.AddDays(-100));
        b.Plan(savo, now.AddDays(-90), "Yhteinen alusta tuo järjestöjen palvelut asiakasohjauksen ulottuville.", "Pohjois-Savon asiakasohjaus ja järjestöt",
            [new("Alustalle liittyneet järjestöt", 0, 40, "järjestöä")], 120);
        var savoStart = DemoClock.DateOf(now.AddDays(-60));
        b.Launch(savo, now.AddDays(-62), ["Kuopion asiakasohjaus"], savoStart, savoStart.AddDays(150), ["verkkoalusta"]);

        // Lappi plans with residents the way LeanLab did in Myllypuro.
        var lappi = b.Adapt(leanLab, "lappi", "Asukkaiden verkkoalusta Rovaniemen sote-keskuksen suunnitteluun",
            "Uuden sote-keskuksen suunnittelussa ei kuulla asukkaita etäältä.", ["osallisuus", "tilasuunnittelu"], now.AddDays(-40));
        b.Plan(lappi, now.AddDays(-20), "Asynkroninen verkkoalusta tavoittaa myös kaukana asuvat.", "Rovaniemen ja lähikuntien asukkaat",
            [new("Osallistuneet asukkaat", 0, 150, "henkilöä"), new("Alle 30-vuotiaiden osuus", 0, 20, "%")], 60);
    }
}
