using ProjectLedger.Projects;

namespace ProjectLedger.Demo;

/// <summary>
/// The demo's projects: one in every county under the Tulevaisuuden sosiaali- ja terveyskeskus
/// programme, with the real ones of the seed articles (Asukkaan asialla, DigiSote at Essote,
/// Helsinki's health and wellbeing centres, Yhteisen hyvän alusta).
/// </summary>
public static class DemoProjects
{
    public const string AsukkaanAsialla = "Asukkaan asialla";
    public const string DigiSote = "DigiSote – Essoten osatoteutus";
    public const string HelsinkiCentres = "Terveys- ja hyvinvointikeskusten kehittäminen";
    public const string YhteisenHyvanAlusta = "Yhteisen hyvän alusta";

    private static GoalInput G(string indicator, decimal baseline, decimal target, string unit) => new(indicator, baseline, target, unit);

    private static WorkstreamInput AdviceWorkstream() => new(DemoVocabulary.Advice,
    [
        G("Sähköinen asiointi digitaalisissa kanavissa on lisääntynyt", 12, 30, "%"),
        G("Varhaisen tunnistamisen toimintamallit ovat laajemmin käytössä", 2, 6, "toimintamallia"),
        G("Asiakas saa palvelun yhdellä yhteydenotolla", 55, 75, "%"),
    ]);

    private static WorkstreamInput ParticipationWorkstream() => new(DemoVocabulary.Participation,
    [
        G("Kehittämiseen osallistuneet asukkaat", 0, 500, "henkilöä/vuosi"),
        G("Kehittämishankkeet, joissa kokemusasiantuntija on mukana alusta asti", 10, 60, "%"),
    ]);

    private static WorkstreamInput DigitalWorkstream() => new(DemoVocabulary.Digital,
    [
        G("Digitaalisten palveluiden käyttöönotot yksiköissä", 0, 8, "kpl"),
        G("Etäpalveluna toteutetut asiakaskontaktit", 5, 20, "%"),
    ]);

    public static void Register(DemoBuilder b)
    {
        var at = b.Clock.Start.AddDays(1);
        DateTimeOffset Next() => at = at.AddHours(b.Between(3, 30));

        // The marker project: its id is the first the seed gives.
        b.RegisterProject(b.MarkerId, new RegisterProject(AsukkaanAsialla, "vantaa-kerava", DemoVocabulary.Programme,
            [AdviceWorkstream()], Reason: "Vantaa–Kerava-sote: alueellinen kehittämishanke osana sote-uudistusta"), Next());

        b.RegisterProject(b.NextGuid(), new RegisterProject(HelsinkiCentres, "helsinki", DemoVocabulary.Programme,
        [
            new(DemoVocabulary.Participation,
            [
                G("Terveys- ja hyvinvointikeskusten suunnitteluun osallistuneet asukkaat", 0, 100, "henkilöä"),
                G("Tavoitetut ikäryhmät", 2, 4, "ikäryhmää"),
            ]),
            AdviceWorkstream(),
            DigitalWorkstream(),
        ], Reason: "ASKO-hankkeen jälkeen sotessa kokeillaan uusia digitaalisen osallisuuden menetelmiä"), Next());

        b.RegisterProject(b.NextGuid(), new RegisterProject(DigiSote, "etela-savo", "DigiSote-hanke",
        [
            new(DemoVocabulary.Digital,
            [
                G("Digitaalisten palveluiden käyttöönotot Essoten yksiköissä", 0, 6, "kpl"),
                G("Sähköisen asioinnin osuus yhteydenotoista", 8, 25, "%"),
            ]),
        ], Reason: "Digitaalisia palveluita hyödyntävien toimintatapojen kokeilut Essotessa"), Next());

        b.RegisterProject(b.NextGuid(), new RegisterProject(YhteisenHyvanAlusta, "etela-savo", "Yhteisen hyvän alusta -hanke (Sociala ja Diakonia-ammattikorkeakoulu)",
        [
            new("Palvelualustan yhteiskehittäminen",
            [
                G("Alustan konseptointiin osallistuneet alueet", 0, 3, "aluetta"),
                G("Alustalla palvellut asiakkaat", 0, 300, "asiakasta/pv"),
            ]),
        ], Reason: "Järjestöjen, kuntien ja asiakkaiden yhteiskehittämä digitaalinen palvelualusta"), Next());

        foreach (var county in DemoVocabulary.Counties.Where(c => c.Slug is not ("vantaa-kerava" or "helsinki")))
        {
            b.RegisterProject(b.NextGuid(), new RegisterProject($"{county.Genitive} tulevaisuuden sosiaali- ja terveyskeskus", county.Slug,
                DemoVocabulary.Programme, [AdviceWorkstream(), ParticipationWorkstream(), DigitalWorkstream()],
                Reason: "Alueellinen hanke Tulevaisuuden sosiaali- ja terveyskeskus -ohjelmassa"), Next());
        }
    }
}
