using ProjectLedger.OperatingModels;
using ProjectLedger.Tests.Experiments;
using ProjectLedger.Tests.Infrastructure;
using Shouldly;

namespace ProjectLedger.Tests.OperatingModels;

/// <summary>Publishing and withdrawing are decisions: events with who, why and in which role; only project offices and admins.</summary>
[Collection(LedgerCollection.Name)]
public sealed class PublicationTests(LedgerApp app)
{
    private readonly SpreadFlow _given = new(app);

    [Fact]
    public async Task publish_and_withdraw_append_events_with_who_and_the_catalogue_follows()
    {
        var id = await _given.AdoptedAsync("vantaa-kerava", "Chat-neuvonta");
        (await _given.Anonymous($"/api/public/operating-models/{id}")).Status.ShouldBe(404);

        await _given.Office("vantaa-kerava", "maija.virtanen").Post($"/api/experiments/{id}/publication",
            new { includeLessons = true, rationale = "Malli on valmis muiden alueiden käyttöön", reason = "Hankejohtoryhmän päätös 3/2026" }, 200);
        var published = (await app.StreamEvents(id)).Last();
        published.Data.ShouldBe(new OperatingModelPublished(true, "Malli on valmis muiden alueiden käyttöön", "projectOffice"));
        published.Headers!["userId"].ToString().ShouldBe("maija.virtanen");
        published.Headers!["reason"].ToString().ShouldBe("Hankejohtoryhmän päätös 3/2026");
        (await _given.AnonymousJson($"/api/public/operating-models/{id}"))["id"]!.GetValue<Guid>().ShouldBe(id);
        (await _given.AnonymousJson($"/api/public/operating-models?q={_given.Marker}"))["total"]!.GetValue<int>().ShouldBe(1);

        await new Api(app).As("admin", "*", "paakayttaja").Post($"/api/experiments/{id}/publication/withdraw", new { rationale = "Kuvaus vanhentui" }, 200);
        var withdrawn = (await app.StreamEvents(id)).Last();
        withdrawn.Data.ShouldBe(new OperatingModelWithdrawn("Kuvaus vanhentui", "admin"));
        withdrawn.Headers!["userId"].ToString().ShouldBe("paakayttaja");
        (await _given.Anonymous($"/api/public/operating-models/{id}")).Status.ShouldBe(404);
        (await _given.AnonymousJson($"/api/public/operating-models?q={_given.Marker}"))["total"]!.GetValue<int>().ShouldBe(0);
        (await _given.Office("vantaa-kerava").Get($"/api/experiments/{id}"))["publication"].ShouldBeNull();
    }

    [Fact]
    public async Task only_the_countys_project_office_or_an_admin_publishes_and_nothing_is_stored_otherwise()
    {
        var id = await _given.AdoptedAsync("vantaa-kerava", "Chat-neuvonta");
        var body = new { includeLessons = false, rationale = "Julkaistaan" };
        foreach (var (role, county) in new[] { ("leadership", "vantaa-kerava"), ("auditor", "*"), ("projectOffice", "helsinki") })
        {
            var problem = await app.ShouldStoreNothing(id, () => new Api(app).As(role, county).Post($"/api/experiments/{id}/publication", body, 403));
            problem.ShouldBeProblem(403);
        }
        (await _given.Office("vantaa-kerava").Post($"/api/experiments/{id}/publication", new { includeLessons = true }, 400)).ShouldHaveFieldError("rationale");
        (await _given.Office("vantaa-kerava").Post($"/api/experiments/{id}/publication/withdraw", new { rationale = "Ei julkaistu" }, 409)).ShouldBeProblem(409);

        var idea = (await _given.Office("vantaa-kerava").Post("/api/experiments", _given.Proposal("vantaa-kerava", "Idea"), 201))["id"]!.GetValue<Guid>();
        (await _given.Office("vantaa-kerava").Post($"/api/experiments/{idea}/publication", body, 409)).ShouldBeProblem(409);
    }
}
