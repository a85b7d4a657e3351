using JasperFx.Events;
using Marten;
using ProjectLedger.Demo;
using ProjectLedger.Experiments;
using ProjectLedger.Projects;
using ProjectLedger.Security;

namespace ProjectLedger.Bench;

public sealed record BenchStream(Guid Id, string AggregateAlias, IReadOnlyList<IEvent> Events, object? State);

/// <summary>
/// Event streams from the app's own demo generator (src/ProjectLedger.Demo/DemoData.cs): realistic experiments whose
/// every event came from a domain decision. Built in blocks of a few thousand (one DemoBuilder per
/// block and seed), so a large set needs no giant single builder.
/// </summary>
public static class Dataset
{
    public const string ExperimentAlias = "experiment";
    public const string ProjectAlias = "project";

    public static List<BenchStream> Demo(int experiments, int seed)
    {
        var all = new List<BenchStream>();
        var block = 2_000;
        var made = 0;
        var now = DateTimeOffset.UtcNow.AddDays(-1);
        for (var b = 0; made < experiments; b++)
        {
            var builder = new DemoBuilder(seed + b, now);
            builder.Build(Math.Min(block, experiments - made));
            foreach (var (id, events) in builder.ProjectStreams)
            {
                var project = builder.Projects.Values.SelectMany(p => p).First(p => p.Id == id);
                all.Add(new BenchStream(id, ProjectAlias, events, project));
            }
            foreach (var s in builder.Experiments) all.Add(new BenchStream(s.Id, ExperimentAlias, s.Events.ToList(), s.State));
            made += builder.Experiments.Count;
        }
        return all;
    }

    /// <summary>
    /// Cuts experiment streams to a common length so the set holds about eventsPerExperiment events on
    /// average (the demo's run about 14): a prefix of a valid history is a valid history; the snapshot is
    /// folded again from the prefix.
    /// </summary>
    public static List<BenchStream> Trim(List<BenchStream> streams, double eventsPerExperiment)
    {
        var experiments = streams.Where(s => s.AggregateAlias == ExperimentAlias).ToList();
        var target = (long)(experiments.Count * eventsPerExperiment);
        var cap = 1;
        while (cap < 1000 && experiments.Sum(s => (long)Math.Min(s.Events.Count, cap)) < target) cap++;
        var fold = new ExperimentProjection();
        return streams.Select(s =>
        {
            if (s.AggregateAlias != ExperimentAlias || s.Events.Count <= cap) return s;
            var events = s.Events.Take(cap).ToList();
            Experiment? state = null;
            foreach (var e in events) state = fold.Evolve(state, s.Id, e);
            return new BenchStream(s.Id, s.AggregateAlias, events, state);
        }).ToList();
    }

    /// <summary>One experiment with n events: proposed, then participation records (allowed in the Idea stage).</summary>
    public static BenchStream Long(int n, string county, int seed)
    {
        var clock = new DemoClock(DateTimeOffset.UtcNow.AddDays(-1));
        var stream = new DemoStream(Guid.CreateVersion7(), DemoBuilder.User(county), clock, () => $"bench-long-{seed}");
        var at = clock.Now.AddSeconds(-2 * n - 10);
        stream.Propose(new ProposeExperiment($"Pitkä historia {n}", "Aikamatkakyselyjen mittaus", county, null, null, ["bench"], "projektipäällikkö"), null, at);
        var random = new Random(seed);
        for (var i = 1; i < n; i++)
        {
            var count = 1 + random.Next(40);
            var start = DateOnly.FromDateTime(at.UtcDateTime).AddDays(-7);
            stream.Run(at, _ => new RecordParticipation(start, start.AddDays(6), "ideation", i % 2 == 0 ? "digital" : "inPerson",
                new Dictionary<string, int> { ["client"] = count }, new Dictionary<string, int> { ["30to64"] = count }));
        }
        return new BenchStream(stream.Id, ExperimentAlias, stream.Events.ToList(), stream.State);
    }

    /// <summary>Fresh envelopes with the same data and metadata (Marten's bulk append writes sequence numbers into the ones it gets).</summary>
    public static IReadOnlyList<IEvent> Clone(IReadOnlyList<IEvent> events) => events.Select(e =>
    {
        var c = DemoStream.Wrap(e.Data);
        c.StreamId = e.StreamId;
        c.Version = e.Version;
        c.Timestamp = e.Timestamp;
        c.CorrelationId = e.CorrelationId;
        c.CausationId = e.CausationId;
        c.UserName = e.UserName;
        if (e.Headers is { } h) foreach (var (k, v) in h) c.WithHeader(k, v);
        return c;
    }).ToList();

    /// <summary>Marten bulk append (COPY inside Marten), new streams only.</summary>
    public static async Task MartenBulk(DocumentStore store, IReadOnlyList<BenchStream> streams, int batchSize = 10_000)
    {
        var actions = streams.Select(s =>
        {
            var action = StreamAction.Start(store.Events, s.Id, Clone(s.Events).Cast<object>().ToArray());
            action.AggregateType = s.AggregateAlias == ProjectAlias ? typeof(Project) : typeof(Experiment);
            return action;
        }).ToList();
        await store.BulkInsertEventsAsync(actions, batchSize: batchSize);
    }

    /// <summary>The inline snapshots (what ExperimentProjection and ProjectProjection store) for streams loaded in bulk.</summary>
    public static async Task Snapshots(DocumentStore store, IReadOnlyList<BenchStream> streams)
    {
        await store.BulkInsertAsync(streams.Select(s => s.State).OfType<Experiment>().ToList(), batchSize: 5_000);
        await store.BulkInsertAsync(streams.Select(s => s.State).OfType<Project>().ToList(), batchSize: 5_000);
    }

    public static LedgerUser User(string county) => DemoBuilder.User(county);
}
