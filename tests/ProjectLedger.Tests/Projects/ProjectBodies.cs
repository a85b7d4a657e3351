namespace ProjectLedger.Tests.Projects;

/// <summary>Vantaa–Kerava's "Asukkaan asialla" project with its advice and client-guidance workstream goals.</summary>
public static class ProjectBodies
{
    public static object AsukkaanAsialla(string county = "vantaa-kerava") => new
    {
        name = "Asukkaan asialla",
        county,
        programme = "Tulevaisuuden sosiaali- ja terveyskeskus",
        workstreams = new[]
        {
            new
            {
                name = "Neuvonta ja asiakasohjaus",
                goals = new object[]
                {
                    new { indicator = "Sähköinen asiointi digitaalisissa kanavissa on lisääntynyt", baseline = 12, target = 30, unit = "%" },
                    new { indicator = "Varhaisen tunnistamisen toimintamallit ovat laajemmin käytössä", baseline = 2, target = 6, unit = "toimintamallia" },
                    new { indicator = "Asiakas saa palvelun yhdellä yhteydenotolla", baseline = 55, target = 75, unit = "%" },
                },
            },
        },
    };
}
