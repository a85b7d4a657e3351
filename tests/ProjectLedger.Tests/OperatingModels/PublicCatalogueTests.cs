using System.Text.Json.Nodes;
using ProjectLedger.Tests.Experiments;
using ProjectLedger.Tests.Infrastructure;
using Shouldly;

namespace ProjectLedger.Tests.OperatingModels;

/// <summary>
/// The public catalogue without a token: what is published, as JSON, Atom and the page; and a scan of
/// every public response for what must never leave: user ids, rationales, reasons, unpublished titles.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class PublicCatalogueTests(LedgerApp app)
{
    private readonly SpreadFlow _given = new(app);

    [Fact]
    public async Task public_responses_contain_only_what_was_published()
    {
        var secretUser = "salainen.kayttaja." + _given.Marker;
        var secretReason = "Salainen syy " + _given.Marker;
        var secretRationale = "Salainen perustelu " + _given.Marker;
        var publishRationale = "Julkaisun perustelu " + _given.Marker;
        var writer = _given.Office("vantaa-kerava", secretUser);

        var published = (await writer.Post("/api/experiments", _given.Proposal("vantaa-kerava", "Julkaistu chat-neuvonta"), 201))["id"]!.GetValue<Guid>();
        await _given.Through(writer, published);
        await writer.Post($"/api/experiments/{published}/adoption-scope", new { scope = "County", rationale = secretRationale, reason = secretReason }, 200);
        await writer.Post($"/api/experiments/{published}/publication", new { includeLessons = false, rationale = publishRationale, reason = secretReason }, 200);

        var unpublished = await _given.AdoptedAsync("vantaa-kerava", "Julkaisematon asiakaspalautemalli");
        var withdrawn = await _given.AdoptedAsync("helsinki", "Vedetty osallistumisalusta");
        await _given.PublishAsync(withdrawn, "helsinki");
        await _given.Office("helsinki").Post($"/api/experiments/{withdrawn}/publication/withdraw", new { rationale = "Vanhentui" }, 200);
        var adaptation = await _given.AdaptAsync(published, "lappi", "Lapin sisäinen sovellus");
        await _given.Office("lappi").Post($"/api/experiments/{adaptation}/discontinue",
            new { reason = "Lapin sisäinen keskeytyssyy " + _given.Marker, lessons = "Lapin sisäinen opetus" }, 200);

        var lessons = "Ohjaus chattiin vaatii henkilöstön sitoutumista";
        string[] forbidden =
        [
            secretUser, "test-user", secretReason, secretRationale, publishRationale, lessons, "31 % elokuussa",
            "Sähköisen asioinnin tavoite saavutettiin", "Julkaisematon asiakaspalautemalli", "Vedetty osallistumisalusta", "Vanhentui",
            "Lapin sisäinen", unpublished.ToString(), withdrawn.ToString(), adaptation.ToString(), "palveluesihenkilö",
        ];

        var list = await _given.AnonymousJson($"/api/public/operating-models?q={_given.Marker}");
        list["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()).ShouldBe([published]);

        string[] urls =
        [
            "/api/public/operating-models", $"/api/public/operating-models?q={_given.Marker}", "/api/public/operating-models?county=vantaa-kerava",
            $"/api/public/operating-models?theme={_given.Theme}", $"/api/public/operating-models/{published}", "/api/public/operating-models/feed",
            "/julkinen", $"/julkinen/{published}",
        ];
        var seenTitle = false;
        foreach (var url in urls)
        {
            var (status, cacheControl, _, body) = await _given.Anonymous(url);
            status.ShouldBe(200, $"{url}: {body}");
            if (url.StartsWith("/api/")) cacheControl.ShouldBe("public, max-age=300", url);
            foreach (var secret in forbidden) body.ShouldNotContain(secret, Case.Insensitive, $"{url} leaks \"{secret}\"");
            seenTitle |= body.Contains("Julkaistu chat-neuvonta " + _given.Marker);
        }
        seenTitle.ShouldBeTrue("the published model itself is in the public responses (the scan is not of empty pages)");
        foreach (var id in new[] { unpublished, withdrawn, adaptation })
            (await _given.Anonymous($"/api/public/operating-models/{id}")).Status.ShouldBe(404);
    }

    [Fact]
    public async Task a_published_model_shows_what_was_tried_each_criterion_the_adoption_and_suppressed_small_counts()
    {
        var id = await _given.AdoptedAsync("vantaa-kerava", "Kokemusasiantuntijaklinikat");
        await _given.PublishAsync(id, "vantaa-kerava", includeLessons: true);

        var model = await _given.AnonymousJson($"/api/public/operating-models/{id}");
        model["title"]!.GetValue<string>().ShouldBe("Chat-neuvonnan toimintamalli");
        model["county"]!.GetValue<string>().ShouldBe("vantaa-kerava");
        model["problem"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        model["tried"]!["sites"]!.AsArray().Count.ShouldBe(2);
        var criteria = model["criteria"]!.AsArray();
        criteria.Select(c => (c!["metric"]!.GetValue<string>(), c["met"]!.GetValue<bool>()))
            .ShouldBe([(ExperimentScenarios.Criterion, true), (ExperimentScenarios.SecondCriterion, false)]);
        criteria[0]!["target"]!.GetValue<decimal>().ShouldBe(30m);
        model["lessons"]!.GetValue<string>().ShouldStartWith("Ohjaus chattiin");
        model["adoptionScope"]!.GetValue<string>().ShouldBe("Unit");
        model["processes"]!.AsArray().Select(p => p!.GetValue<string>()).ShouldContain("Asiakasohjaus");

        var participation = model["participation"]!;
        participation["total"]!.GetValue<int>().ShouldBe(52);
        participation["byKind"]!["client"]!.GetValue<int>().ShouldBe(40);
        participation["byKind"]!["experienceExpert"].ShouldBeNull("3 is shown as < 5");
        participation["byKind"]!["professional"].ShouldBeNull("9 would give the 3 away");
        participation["byAgeBand"]!["18to29"].ShouldBeNull();
        participation["byAgeBand"]!["under18"]!.GetValue<int>().ShouldBe(0);
        model["suppressedBelow"]!.GetValue<int>().ShouldBe(5);
    }

    [Fact]
    public async Task search_by_text_theme_and_county_and_an_atom_feed_of_new_models()
    {
        var vantaa = await _given.AdoptedAsync("vantaa-kerava", "Chat-neuvonta");
        var helsinki = await _given.AdoptedAsync("helsinki", "Digitaalinen osallistumisalusta");
        await _given.PublishAsync(vantaa, "vantaa-kerava");
        await _given.PublishAsync(helsinki, "helsinki");

        Guid[] Ids(JsonNode page) => page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()).ToArray();
        Ids(await _given.AnonymousJson($"/api/public/operating-models?theme={_given.Theme}")).ShouldBe([helsinki, vantaa]);
        Ids(await _given.AnonymousJson($"/api/public/operating-models?q={_given.Marker}%20osallistumisalusta")).ShouldBe([helsinki]);
        Ids(await _given.AnonymousJson($"/api/public/operating-models?q={_given.Marker}%20Helsinki")).ShouldBe([helsinki]);
        Ids(await _given.AnonymousJson($"/api/public/operating-models?theme={_given.Theme}&county=vantaa-kerava")).ShouldBe([vantaa]);
        (await _given.Anonymous("/api/public/operating-models?county=atlantis")).Status.ShouldBe(400);

        var (status, _, contentType, feed) = await _given.Anonymous("/api/public/operating-models/feed");
        status.ShouldBe(200);
        contentType.ShouldStartWith("application/atom+xml");
        var atom = System.Xml.Linq.XDocument.Parse(feed);
        System.Xml.Linq.XNamespace ns = "http://www.w3.org/2005/Atom";
        var entries = atom.Root!.Elements(ns + "entry").Select(e => e.Element(ns + "id")!.Value).ToList();
        entries.ShouldContain("urn:uuid:" + helsinki);
        entries.IndexOf("urn:uuid:" + helsinki).ShouldBeLessThan(entries.IndexOf("urn:uuid:" + vantaa), "newest first");
        atom.Root!.Elements(ns + "entry").First(e => e.Element(ns + "id")!.Value == "urn:uuid:" + helsinki)
            .Element(ns + "link")!.Attribute("href")!.Value.ShouldEndWith($"/julkinen/{helsinki}");
    }
}
