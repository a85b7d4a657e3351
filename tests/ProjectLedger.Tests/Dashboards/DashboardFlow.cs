using Marten.Events;
using ProjectLedger.Tests.Infrastructure;

namespace ProjectLedger.Tests.Dashboards;

/// <summary>Brings experiments to a stage through HTTP, each tagged with a theme unique to the test.</summary>
public sealed class DashboardFlow(LedgerApp app, string county = "vantaa-kerava")
{
    public readonly string Theme = "testi-" + Guid.NewGuid().ToString("N")[..10];
    private readonly Api _api = new Api(app).As("projectOffice", county);
    public Api National { get; } = new Api(app).As("leadership", "*");

    public async Task<Guid> Propose(string title = "Chat-neuvonta")
    {
        var created = await _api.Post("/api/experiments", new
        {
            title, problem = "Asiakkaat eivät löydä palvelua yhdellä yhteydenotolla.", county, themes = new[] { Theme }, proposedByRole = "palveluesihenkilö",
        }, 201);
        return created["id"]!.GetValue<Guid>();
    }

    public Task Plan(Guid id) => _api.Post($"/api/experiments/{id}/plan", new
    {
        hypothesis = "Chat vähentää puhelinjonoja", targetGroup = "Asiakkaat",
        successCriteria = new[] { new { metric = "Sähköisen asioinnin osuus", baseline = 12, target = 30, unit = "%" } },
        participationHours = 40,
    }, 200);

    public Task Pilot(Guid id, DateOnly start, DateOnly plannedEnd) => _api.Post($"/api/experiments/{id}/pilot", new
    {
        sites = new[] { "Myllypuron terveys- ja hyvinvointikeskus" }, start = start.ToString("yyyy-MM-dd"), plannedEnd = plannedEnd.ToString("yyyy-MM-dd"), channels = new[] { "verkkoalusta" },
    }, 200);

    public Task Participation(Guid id, DateOnly periodEnd, Dictionary<string, int> byKind, Dictionary<string, int> byAgeBand) =>
        _api.Post($"/api/experiments/{id}/participation", new
        {
            periodStart = periodEnd.AddDays(-6).ToString("yyyy-MM-dd"), periodEnd = periodEnd.ToString("yyyy-MM-dd"),
            way = "planning", channel = "digital", byKind, byAgeBand,
        }, 200);

    public Task Discontinue(Guid id, string reason) =>
        _api.Post($"/api/experiments/{id}/discontinue", new { reason, lessons = "Kokeilu liimattiin vanhan prosessin päälle." }, 200);

    public Task CaughtUp() => app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);
}
