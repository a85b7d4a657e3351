using System.Text.Json.Nodes;
using Marten;
using Marten.Events;
using ProjectLedger.Tests.Experiments;
using ProjectLedger.Tests.Infrastructure;
using Shouldly;

namespace ProjectLedger.Tests.OperatingModels;

/// <summary>"What changed since your last visit", kept per user: two users who last looked at different times see different changes.</summary>
[Collection(LedgerCollection.Name)]
public sealed class SinceLastVisitTests(LedgerApp app)
{
    private readonly SpreadFlow _given = new(app);

    private async Task<IReadOnlyList<(Guid Id, string Kind)>> Changes(Api api, IReadOnlyCollection<Guid> ours)
    {
        var changes = await api.Get("/api/me/changes");
        return changes["changes"]!.AsArray()
            .Select(c => (c!["experimentId"]!.GetValue<Guid>(), c["kind"]!.GetValue<string>()))
            .Where(c => ours.Contains(c.Item1))
            .ToList();
    }

    private static async Task Visit(Api api)
    {
        var changes = await api.Get("/api/me/changes");
        await api.Post("/api/me/visits", new { seenUntil = changes["until"]!.GetValue<DateTimeOffset>() }, 204);
    }

    [Fact]
    public async Task two_users_with_different_last_visits_see_the_changes_in_their_scope_since_each_looked()
    {
        var county = "kainuu";
        var early = _given.Office(county, "aino." + _given.Marker);
        var late = new Api(app).As("leadership", county, "eero." + _given.Marker);
        var elsewhere = new Api(app).As("leadership", "lappi", "lappi." + _given.Marker);
        (await early.Get("/api/me/changes"))["firstVisit"]!.GetValue<bool>().ShouldBeTrue();
        await Visit(early);
        await Visit(elsewhere);

        var first = (await early.Post("/api/experiments", _given.Proposal(county, "Etävastaanotto"), 201))["id"]!.GetValue<Guid>();
        await early.Post($"/api/experiments/{first}/plan", ExperimentBodies.Plan(), 200);
        await Visit(late);

        var second = await _given.AdoptedAsync(county, "Kotihoidon etäkäynnit");
        await _given.PublishAsync(second, county);
        Guid[] ours = [first, second];

        var seenEarly = await Changes(early, ours);
        seenEarly.ShouldContain((first, "stageChanged"));
        seenEarly.ShouldContain((second, "adopted"));
        seenEarly.ShouldContain((second, "published"));
        seenEarly.Count(c => c == (second, "stageChanged")).ShouldBe(3, "planned, piloting, evaluating; the move to adopted is the adoption");

        var seenLate = await Changes(late, ours);
        seenLate.ShouldNotContain((first, "stageChanged"), "eero looked after it was planned");
        seenLate.ShouldContain((second, "adopted"));
        seenLate.ShouldContain((second, "published"));

        (await Changes(elsewhere, ours)).ShouldBeEmpty("Lapland's leadership does not see Kainuu");

        await Visit(early);
        (await Changes(early, ours)).ShouldBeEmpty("nothing changed since aino looked again");
        (await early.Get("/api/me/changes"))["firstVisit"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task a_pilot_whose_planned_end_passed_since_the_last_visit_is_an_overdue_evaluation()
    {
        var county = "kainuu";
        var api = _given.Office(county, "overdue." + _given.Marker);
        var id = (await api.Post("/api/experiments", _given.Proposal(county, "Myöhässä oleva pilotti"), 201))["id"]!.GetValue<Guid>();
        await api.Post($"/api/experiments/{id}/plan", ExperimentBodies.Plan(), 200);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await api.Post($"/api/experiments/{id}/pilot", new
        {
            sites = new[] { "Kajaanin sote-keskus" }, start = today.AddDays(-30).ToString("yyyy-MM-dd"),
            plannedEnd = today.AddDays(-1).ToString("yyyy-MM-dd"), channels = new[] { "video" },
        }, 200);
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

        var changes = await api.Get("/api/me/changes");
        var overdue = changes["changes"]!.AsArray().Single(c => c!["experimentId"]!.GetValue<Guid>() == id && c["kind"]!.GetValue<string>() == "evaluationOverdue");
        overdue!["plannedEnd"]!.GetValue<string>().ShouldBe(today.AddDays(-1).ToString("yyyy-MM-dd"));
        overdue["title"]!.GetValue<string>().ShouldContain(_given.Marker);
    }

    [Fact]
    public async Task a_visit_in_the_future_is_refused()
    {
        (await _given.Office("kainuu").Post("/api/me/visits", new { seenUntil = DateTimeOffset.UtcNow.AddDays(1) }, 400)).ShouldHaveFieldError("seenUntil");
    }
}
