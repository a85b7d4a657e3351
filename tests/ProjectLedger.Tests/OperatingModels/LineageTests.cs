using Marten;
using Marten.Events;
using ProjectLedger.OperatingModels;
using ProjectLedger.Tests.Experiments;
using ProjectLedger.Tests.Infrastructure;
using Shouldly;

namespace ProjectLedger.Tests.OperatingModels;

/// <summary>A model adopted in one county, adapted and adopted in another: on the origin's page, in the funnel, in the stream.</summary>
[Collection(LedgerCollection.Name)]
public sealed class LineageTests(LedgerApp app)
{
    private readonly SpreadFlow _given = new(app);

    [Fact]
    public async Task a_model_adapted_and_adopted_in_a_second_county_shows_on_the_origin_and_counts_in_that_countys_funnel()
    {
        var origin = await _given.AdoptedAsync("etela-savo", "Sociala-palvelualusta");
        await _given.PublishAsync(origin, "etela-savo");
        var leadership = new Api(app).As("leadership", "pirkanmaa");
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var before = (await leadership.Get("/api/dashboards/funnel?county=pirkanmaa"))["adoptedFromOtherCounties"]!.GetValue<int>();

        var adaptation = await _given.AdaptAsync(origin, "pirkanmaa", "Kotitori-palveluintegraattori");
        var stream = await app.StreamEvents(adaptation);
        stream.Select(e => e.Data.GetType().Name).ShouldBe(["ExperimentProposed", "ExperimentAdaptedFrom"]);
        stream[1].Data.ShouldBe(new ExperimentAdaptedFrom(origin, "etela-savo", "Chat-neuvonnan toimintamalli"));
        await _given.Through(_given.Office("pirkanmaa"), adaptation);

        var state = await _given.Office("pirkanmaa").Get($"/api/experiments/{adaptation}");
        state["adaptedFrom"]!["originId"]!.GetValue<Guid>().ShouldBe(origin);

        var spread = await _given.Office("etela-savo").Get($"/api/experiments/{origin}/spread");
        spread["total"]!.GetValue<int>().ShouldBe(1);
        var node = spread["adaptations"]![0]!;
        node["county"]!.GetValue<string>().ShouldBe("pirkanmaa");
        node["stage"]!.GetValue<string>().ShouldBe("Adopted");
        node["adoptionScope"]!.GetValue<string>().ShouldBe("Unit");
        node["title"].ShouldBeNull("Etelä-Savo does not read Pirkanmaa's unpublished experiment");
        node["experimentId"].ShouldBeNull();
        var national = await new Api(app).As("leadership", "*").Get($"/api/experiments/{origin}/spread");
        national["adaptations"]![0]!["title"]!.GetValue<string>().ShouldStartWith("Kotitori-palveluintegraattori");

        var publicModel = await _given.AnonymousJson($"/api/public/operating-models/{origin}");
        publicModel["spreadTotal"]!.GetValue<int>().ShouldBe(1);
        publicModel["spread"]![0]!["county"]!.GetValue<string>().ShouldBe("pirkanmaa");
        publicModel["spread"]![0]!["stage"]!.GetValue<string>().ShouldBe("Adopted");

        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        (await leadership.Get("/api/dashboards/funnel?county=pirkanmaa"))["adoptedFromOtherCounties"]!.GetValue<int>().ShouldBe(before + 1);
        (await new Api(app).As("leadership", "*").Get($"/api/dashboards/funnel?theme={_given.Theme}"))["adoptedFromOtherCounties"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public async Task adaptations_of_adaptations_form_a_tree_and_an_own_county_adoption_is_not_counted_as_from_another()
    {
        var origin = await _given.AdoptedAsync("vantaa-kerava", "Kokemusasiantuntijaklinikat");
        var local = await _given.AdaptAsync(origin, "vantaa-kerava", "Klinikat Keravalle");
        await _given.Through(_given.Office("vantaa-kerava"), local);
        await _given.PublishAsync(local, "vantaa-kerava");
        var far = await _given.AdaptAsync(local, "lappi", "Klinikat Lappiin");

        var spread = await _given.Office("vantaa-kerava").Get($"/api/experiments/{origin}/spread");
        spread["total"]!.GetValue<int>().ShouldBe(2);
        var first = spread["adaptations"]![0]!;
        first["experimentId"]!.GetValue<Guid>().ShouldBe(local);
        first["adaptations"]![0]!["county"]!.GetValue<string>().ShouldBe("lappi");
        first["adaptations"]![0]!["stage"]!.GetValue<string>().ShouldBe("Idea");
        far.ShouldNotBe(Guid.Empty);

        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        (await new Api(app).As("leadership", "*").Get($"/api/dashboards/funnel?theme={_given.Theme}"))["adoptedFromOtherCounties"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task another_countys_unpublished_model_cannot_be_adapted_and_nothing_is_stored()
    {
        var origin = await _given.AdoptedAsync("helsinki", "LeanLab Myllypuro");
        var events = await app.EventCount();
        var problem = await _given.Office("lappi").Post($"/api/experiments/{origin}/adaptations", _given.Proposal("lappi", "Osallistumisalusta Lappiin"), 404);
        problem.ShouldBeProblem(404);
        (await app.EventCount()).ShouldBe(events);

        var notAdopted = (await _given.Office("helsinki").Post("/api/experiments", _given.Proposal("helsinki", "Vielä idea"), 201))["id"]!.GetValue<Guid>();
        (await _given.Office("helsinki").Post($"/api/experiments/{notAdopted}/adaptations", _given.Proposal("helsinki", "Kopio"), 409)).ShouldBeProblem(409);
        (await new Api(app).As("leadership", "helsinki").Post($"/api/experiments/{origin}/adaptations", _given.Proposal("helsinki", "Johto ei kirjoita"), 403)).ShouldBeProblem(403);
    }
}
