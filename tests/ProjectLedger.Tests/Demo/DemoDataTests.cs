using Alba;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using ProjectLedger.Counties;
using ProjectLedger.Demo;
using ProjectLedger.Experiments;
using ProjectLedger.Projects;
using ProjectLedger.Streams;
using ProjectLedger.Tests.Infrastructure;
using Shouldly;

namespace ProjectLedger.Tests.Demo;

/// <summary>
/// The demo data loaded once into a host of its own (its own schema), so its few hundred
/// experiments never show up in the other tests' dashboards and lists. A project of the same name
/// as the demo's first is registered before the load, to show the idempotency marker is the demo's own.
/// </summary>
public sealed class DemoLedger : IAsyncLifetime
{
    public const int Seed = 2026;
    public const int Count = 120;

    public IAlbaHost Host { get; private set; } = null!;
    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();
    public DemoSummary First { get; private set; } = null!;
    public DemoSummary Second { get; private set; } = null!;
    public long EventsAfterFirst { get; private set; }

    public async Task InitializeAsync()
    {
        Host = await LedgerApp.Start("t_demo_" + Guid.NewGuid().ToString("N")[..8], new Dictionary<string, string?>());
        await using (var session = Store.LightweightSession())
        {
            // With no headers at all the audit trigger stores a JSON array that Marten cannot read back (reported).
            session.SetHeader("userId", "other-test");
            var other = new RegisterProject(DemoProjects.AsukkaanAsialla, "vantaa-kerava", DemoVocabulary.Programme,
                [new WorkstreamInput("Neuvonta ja asiakasohjaus", [])]).Decide(NoContext.Value, DemoBuilder.User("vantaa-kerava"));
            session.Events.StartStream<Project>(Guid.NewGuid(), other.Events);
            await session.SaveChangesAsync();
        }
        First = await DemoData.LoadAsync(Store, Seed, Count, CancellationToken.None);
        EventsAfterFirst = await EventCount();
        Second = await DemoData.LoadAsync(Store, Seed, Count, CancellationToken.None);
    }

    public async Task<long> EventCount()
    {
        await using var session = Store.QuerySession();
        return await session.Events.QueryAllRawEvents().CountAsync();
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

[Collection(LedgerCollection.Name)]
public sealed class DemoDataTests(DemoLedger demo) : IClassFixture<DemoLedger>
{
    private async Task<IReadOnlyList<Experiment>> Experiments()
    {
        await using var session = demo.Store.QuerySession();
        return await session.Query<Experiment>().Take(10_000).ToListAsync();
    }

    [Fact]
    public void the_first_load_reports_what_it_wrote()
    {
        demo.First.AlreadyLoaded.ShouldBeFalse();
        demo.First.Experiments.ShouldBe(DemoLedger.Count);
        demo.First.Projects.ShouldBeGreaterThanOrEqualTo(22);
        demo.First.Events.ShouldBeGreaterThan(demo.First.Experiments * 3);
    }

    [Fact]
    public async Task a_second_load_adds_nothing()
    {
        demo.Second.AlreadyLoaded.ShouldBeTrue();
        (await demo.EventCount()).ShouldBe(demo.EventsAfterFirst);
    }

    [Fact]
    public async Task every_county_and_every_stage_has_experiments()
    {
        var experiments = await Experiments();
        experiments.Count.ShouldBe(DemoLedger.Count);
        experiments.Select(e => e.County).Distinct().Order().ShouldBe(CountyCatalog.All.Select(c => c.Slug).Order());
        experiments.Select(e => e.Stage).Distinct().Order().ShouldBe(Enum.GetValues<Stage>().Order());
        (await ProjectCounties()).ShouldBe(CountyCatalog.All.Select(c => c.Slug).Order());
    }

    [Fact]
    public async Task the_leanlab_pilot_reached_104_residents_and_no_one_under_18()
    {
        var leanLab = (await Experiments()).Single(e => e.Title == DemoStories.LeanLab);
        leanLab.County.ShouldBe("helsinki");
        leanLab.Participation.Total.ShouldBe(104);
        leanLab.Participation.ByAgeBand["under18"].ShouldBe(0);
        leanLab.Participation.ByAgeBand["18to29"].ShouldBe(0);
        leanLab.Participation.ByAgeBand["65plus"].ShouldBe(44);
    }

    [Fact]
    public async Task the_catalogue_and_lineage_are_alive_kotitori_and_vantaa_keravas_chat_published_and_adapted_across_counties()
    {
        var experiments = await Experiments();
        var published = experiments.Where(e => e.Publication is not null).ToList();
        published.Count.ShouldBeGreaterThanOrEqualTo(4);
        published.Select(e => e.Title).ShouldContain(DemoStories.CommonGoodPlatform);
        published.Select(e => e.Title).ShouldContain("Chat-pilotit sosiaali- ja terveysneuvonnassa");

        var platform = experiments.Single(e => e.Title == DemoStories.CommonGoodPlatform);
        var kotitori = experiments.Single(e => e.AdaptedFrom?.OriginId == platform.Id && e.County == "pirkanmaa");
        kotitori.Stage.ShouldBe(Stage.Adopted);
        kotitori.Publication.ShouldNotBeNull();
        experiments.Count(e => e.AdaptedFrom is { } origin && origin.OriginCounty != e.County && e.Stage == Stage.Adopted).ShouldBeGreaterThanOrEqualTo(2);
        experiments.Select(e => e.AdaptedFrom?.OriginCounty).Where(c => c is not null).Distinct().Count().ShouldBeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public async Task vantaa_kerava_holds_experience_expert_and_ngo_clinics()
    {
        var sessions = (await Experiments()).Where(e => e.County == "vantaa-kerava").SelectMany(e => e.Sessions).ToList();
        sessions.Count(s => s.Kind == "experienceExpertClinic").ShouldBeGreaterThan(12);
        sessions.Count(s => s.Kind == "ngoClinic").ShouldBeGreaterThan(6);
        sessions.Select(s => s.Theme).ShouldContain("Chat-pilottien asiakaspalautteen kerääminen");
    }

    [Fact]
    public async Task live_pilots_overdue_evaluations_and_recent_participation_exist()
    {
        var experiments = await Experiments();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        experiments.Count(e => e.Stage == Stage.Piloting && e.Pilot!.PlannedEnd > today).ShouldBeGreaterThan(3);
        experiments.Count(e => e.Stage == Stage.Piloting && e.Pilot!.PlannedEnd < today).ShouldBeGreaterThan(0);
        experiments.Where(e => e.Adoption is not null).ShouldAllBe(e => e.Adoption!.OperatingModel.Link!.StartsWith("https://innokyla.fi/"));

        await using var session = demo.Store.QuerySession();
        var weekAgo = DateTimeOffset.UtcNow.AddDays(-7);
        var events = await session.Events.QueryAllRawEvents().Take(100_000).ToListAsync();
        var lastWeek = events.Count(e => e.Data is ParticipationRecorded && e.Timestamp > weekAgo);
        lastWeek.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task every_stream_has_its_snapshot_and_only_ledger_events_backdated_and_ordered()
    {
        await using var session = demo.Store.QuerySession();
        var events = await session.Events.QueryAllRawEvents().Take(100_000).ToListAsync();
        events.Select(e => e.Data.GetType()).Distinct().ShouldAllBe(t => LedgerEventTypes.All.Contains(t));

        var experimentStreams = events.Where(e => e.Data is ExperimentProposed).Select(e => e.StreamId).ToHashSet();
        var documents = (await Experiments()).ToDictionary(e => e.Id);
        experimentStreams.Count.ShouldBe(DemoLedger.Count);
        foreach (var id in experimentStreams)
        {
            documents.ShouldContainKey(id);
            var stream = events.Where(e => e.StreamId == id).OrderBy(e => e.Version).ToList();
            documents[id].Version.ShouldBe(stream.Count);
            stream.Zip(stream.Skip(1)).ShouldAllBe(pair => pair.First.Timestamp < pair.Second.Timestamp);
            stream[0].Timestamp.ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddDays(-731));
            stream[^1].Timestamp.ShouldBeLessThan(DateTimeOffset.UtcNow);
            stream.ShouldAllBe(e => e.Headers != null && e.Headers.ContainsKey("userId") && e.Headers.ContainsKey("role") && e.CorrelationId != null);
        }
    }

    private async Task<IReadOnlyList<string>> ProjectCounties()
    {
        await using var session = demo.Store.QuerySession();
        return (await session.Query<Project>().Select(p => p.County).ToListAsync()).Distinct().Order().ToList();
    }
}
