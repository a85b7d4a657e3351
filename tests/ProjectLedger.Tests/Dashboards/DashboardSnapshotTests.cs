using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using ProjectLedger.Dashboards;
using ProjectLedger.Demo;
using ProjectLedger.Experiments;
using ProjectLedger.Portfolio;
using ProjectLedger.Tests.Infrastructure;
using Shouldly;

namespace ProjectLedger.Tests.Dashboards;

[Collection(LedgerCollection.Name)]
public sealed class DashboardSnapshotTests(LedgerApp app)
{
    private const string County = "kainuu";
    private static readonly DateTimeOffset Day0 = new(DateTime.UtcNow.Date, TimeSpan.Zero);

    /// <summary>
    /// The national and county funnel and participation as of a moment, started from dated snapshots,
    /// equal the fold of every event up to that moment: before the snapshots exist, once they do, and
    /// after events appended later with earlier times (backdated: after the snapshot's high-water
    /// mark, inside the days it covers).
    /// </summary>
    [Fact]
    public async Task as_of_a_moment_from_dated_snapshots_equals_a_rebuild_from_events_even_after_backdated_appends()
    {
        var snapshots = app.Host.Services.GetRequiredService<DashboardSnapshots>();
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        await Append(a, (-10, Proposed("Kainuun chat")), (-8, Gate(Stage.Idea, Stage.Planned)), (-6, Participation(3)),
            (-3, Gate(Stage.Planned, Stage.Piloting)));
        await Append(b, (-9, Proposed("Kainuun etäkuntoutus")), (-5, Gate(Stage.Idea, Stage.Discontinued)));
        var moments = new[] { -8.5, -7.5, -5.5, -2.5, -0.9 }.Select(d => Day0.AddDays(d)).ToArray();

        await SameAsRebuild(snapshots, moments, expectSnapshots: false);
        (await snapshots.Advance(CancellationToken.None)).ShouldBeGreaterThan(0);
        await SameAsRebuild(snapshots, moments, expectSnapshots: true);

        // Appended after the snapshots were built, with times inside the days they cover.
        await Append(b, (-7, Participation(12)));
        var c = Guid.NewGuid();
        await Append(c, (-6, Proposed("Kainuun palvelutori")), (-2, Gate(Stage.Idea, Stage.Planned)));
        await Append(a, (0, Gate(Stage.Piloting, Stage.Evaluating)));
        await SameAsRebuild(snapshots, moments, expectSnapshots: true);
        // Up to now only in the county: nationally, events other tests' work appends meanwhile (stamped now) could land between two reads.
        await SameAsRebuild(snapshots, [DateTimeOffset.UtcNow.AddSeconds(1)], expectSnapshots: true, scopes: [DashboardScope.County(County)]);

        var overHttp = await new Api(app).As("leadership", "*").Get($"/api/dashboards/funnel?county={County}&at={Uri.EscapeDataString(Day0.AddDays(-4).ToString("O"))}");
        var rebuilt = await FromEvents(DashboardScope.County(County), Day0.AddDays(-4));
        overHttp["total"]!.GetValue<int>().ShouldBe(rebuilt.Funnel["total"]!.GetValue<int>());
        Stages(overHttp).ShouldBe(Stages(rebuilt.Funnel));
    }

    private async Task SameAsRebuild(DashboardSnapshots snapshots, IEnumerable<DateTimeOffset> moments, bool expectSnapshots, DashboardScope[]? scopes = null)
    {
        await using var session = app.Store.QuerySession();
        foreach (var scope in scopes ?? [DashboardScope.National, DashboardScope.County(County)])
        foreach (var at in moments)
        {
            var fromSnapshot = await snapshots.At(session, scope, at, CancellationToken.None);
            var rebuilt = await FromEvents(scope, at);
            var asOf = await FunnelAsOf.At(session, snapshots, app.Host.Services.GetRequiredService<ExperimentEventRows>(), scope, at, CancellationToken.None);
            Strip(Serialize(asOf)).ToJsonString().ShouldBe(Strip(rebuilt.Funnel).ToJsonString(), $"funnel as of {at:O} in {scope}");
            if (!expectSnapshots)
            {
                fromSnapshot.ShouldBeNull();
                continue;
            }
            fromSnapshot.ShouldNotBeNull($"{scope} at {at:O} has a snapshot");
            var funnel = Strip(Serialize(FunnelResponse.From(scope, fromSnapshot.Funnel)));
            funnel.ToJsonString().ShouldBe(Strip(rebuilt.Funnel).ToJsonString(), $"funnel {scope} at {at:O}");
            var participation = Strip(Serialize(ParticipationResponse.From(scope, fromSnapshot.Participation)));
            participation.ToJsonString().ShouldBe(Strip(rebuilt.Participation).ToJsonString(), $"participation {scope} at {at:O}");
        }
    }

    private async Task<(JsonNode Funnel, JsonNode Participation)> FromEvents(DashboardScope scope, DateTimeOffset at)
    {
        await using var session = app.Store.QuerySession();
        var states = await StatesFromEvents(session, scope, at);
        var funnel = new FunnelView { Id = scope.Id };
        foreach (var state in states) funnel.Apply(state, +1);
        funnel.UpdatedAt = states.Count == 0 ? at : states.Max(s => s.LastChangedAt);
        var participation = new ParticipationView { Id = scope };
        foreach (var e in states) participation.Apply(e, +1);

        // The other dashboards' states as of the moment (documents for the experiments untouched since) are the same states.
        var portfolio = await PortfolioStates.At(session, app.Host.Services.GetRequiredService<ExperimentEventRows>(), scope, at, CancellationToken.None);
        Canonical(Serialize(portfolio.Experiments.OrderBy(e => e.Id).ToList()))
            .ShouldBe(Canonical(Serialize(states.OrderBy(e => e.Id).ToList())), $"states of {scope} at {at:O}");
        return (Serialize(FunnelResponse.From(scope.Id, funnel)), Serialize(ParticipationResponse.From(scope, participation)));
    }

    /// <summary>The rebuild the snapshots must equal: each experiment of the scope folded from every one of its events up to the moment.</summary>
    private static async Task<IReadOnlyList<Experiment>> StatesFromEvents(IQuerySession session, DashboardScope scope, DateTimeOffset at)
    {
        var key = scope.Key;
        var experiments = scope.Kind switch
        {
            ScopeKind.County => session.Query<Experiment>().Where(x => x.County == key),
            ScopeKind.Project => session.Query<Experiment>().Where(x => x.ProjectId == scope.ProjectId),
            ScopeKind.Theme => session.Query<Experiment>().Where(x => x.Themes.Contains(key)),
            _ => session.Query<Experiment>(),
        };
        var ids = await experiments.Where(x => x.ProposedAt <= at).Select(x => x.Id).ToListAsync();
        if (ids.Count == 0) return [];

        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.Timestamp <= at && e.StreamId.IsOneOf(ids.ToArray()))
            .OrderBy(e => e.Sequence)
            .ToListAsync();
        var states = new Dictionary<Guid, Experiment>();
        foreach (var e in events)
        {
            states.TryGetValue(e.StreamId, out var state);
            if (Experiment.Evolve(state, e.StreamId, e.Data, e.Version, e.Timestamp) is { } next) states[e.StreamId] = next;
        }
        return [.. states.Values];
    }

    private async Task Append(Guid stream, params (double Day, object Data)[] events)
    {
        await using var session = app.Store.LightweightSession();
        var version = (await session.Events.FetchStreamStateAsync(stream))?.Version ?? 0;
        var wrapped = events.Select(x =>
        {
            var e = DemoStream.Wrap(x.Data);
            e.Version = ++version;
            e.Timestamp = x.Day == 0 ? DateTimeOffset.UtcNow.AddSeconds(-1) : Day0.AddDays(x.Day).AddHours(10);
            return e;
        }).ToArray();
        if (wrapped[0].Version == 1) session.Events.StartStream<Experiment>(stream, wrapped);
        else session.Events.Append(stream, wrapped);
        await session.SaveChangesAsync();
    }

    private static ExperimentProposed Proposed(string title) =>
        new(title, "Asiakkaat jonottavat.", County, null, null, ["kainuu-" + Guid.NewGuid().ToString("N")[..8]], "palveluesihenkilö");

    private static StageGateDecided Gate(Stage from, Stage to) => new(from, to, "go", "Perusteltu", "projectOffice");

    private static ParticipationRecorded Participation(int clients) => new(
        DateOnly.FromDateTime(Day0.UtcDateTime).AddDays(-14), DateOnly.FromDateTime(Day0.UtcDateTime).AddDays(-8), "implementation", "digital",
        new Dictionary<string, int> { ["client"] = clients }, new Dictionary<string, int> { ["65plus"] = clients });

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static JsonNode Serialize(object value) => JsonSerializer.SerializeToNode(value, Json)!;

    private static JsonNode Strip(JsonNode node)
    {
        var copy = node.DeepClone().AsObject();
        copy.Remove("updatedAt");
        copy.Remove("at");
        return copy;
    }

    /// <summary>
    /// JSON with every object's keys in order (a document read back from jsonb has its dictionaries'
    /// keys reordered) and times to the microsecond (an inline document keeps the appending
    /// process's 100 ns ticks; mt_events, and so a fold of its rows, PostgreSQL's microseconds).
    /// </summary>
    private static string Canonical(JsonNode? node) => node switch
    {
        JsonObject o => "{" + string.Join(",", o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => JsonSerializer.Serialize(p.Key) + ":" + Canonical(p.Value))) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(Canonical)) + "]",
        null => "null",
        JsonValue v when v.TryGetValue<string>(out var text) && text.Length > 20 && DateTimeOffset.TryParse(text, null, System.Globalization.DateTimeStyles.RoundtripKind, out var time) =>
            JsonSerializer.Serialize(new DateTimeOffset(time.Ticks - time.Ticks % 10, time.Offset).ToString("O")),
        _ => node.ToJsonString(),
    };

    private static string Stages(JsonNode funnel) => string.Join(";", funnel["stages"]!.AsArray()
        .Select(s => $"{s!["stage"]}:{s["current"]}/{s["reached"]}/{s["medianDays"]}"));
}
