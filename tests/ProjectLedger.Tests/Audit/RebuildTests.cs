using System.Text.Json;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using ProjectLedger.Dashboards;
using ProjectLedger.Tests.Dashboards;
using ProjectLedger.Tests.Infrastructure;
using Shouldly;

namespace ProjectLedger.Tests.Audit;

/// <summary>
/// In a schema of its own: other tests tamper with stored events on purpose (the audit tests), and a
/// rebuild would rightly fold those altered events differently from the live documents.
/// </summary>
[Collection(RebuildCollection.Name)]
public sealed class RebuildTests(LedgerApp app)
{
    [Fact]
    public async Task rebuilding_the_dashboards_from_the_event_log_gives_the_live_documents()
    {
        var flow = new DashboardFlow(app, "pohjois-savo");
        var a = await flow.Propose();
        var b = await flow.Propose();
        await flow.Plan(a);
        await flow.Pilot(a, DashboardFlow.Today.AddDays(-3), DashboardFlow.Today.AddDays(30));
        await flow.Participation(a, DashboardFlow.Today, new() { ["client"] = 7 }, new() { ["18to29"] = 7 });
        await flow.Discontinue(b, "Ammattilaisten osallistamistyön aikaa ei resursoitu");
        await flow.CaughtUp();
        var live = await Snapshot();

        await LedgerRebuild.RebuildDashboardsAsync(app.Host.Services, TimeSpan.FromMinutes(2), CancellationToken.None);

        var rebuilt = await Snapshot();
        rebuilt.Keys.ShouldBe(live.Keys, ignoreOrder: true);
        foreach (var (id, json) in live) rebuilt[id].ShouldBe(json, $"document {id} differs after the rebuild");
    }

    /// <summary>Every dashboard document as JSON, normalised: UpdatedAt is the time of the batch, not a figure.</summary>
    private async Task<Dictionary<string, string>> Snapshot()
    {
        await using var session = app.Store.QuerySession();
        var docs = new Dictionary<string, string>();
        foreach (var f in await session.Query<FunnelView>().ToListAsync()) { f.UpdatedAt = default; docs["funnel/" + f.Id] = Normal(f); }
        foreach (var p in await session.Query<ParticipationView>().ToListAsync()) { p.UpdatedAt = default; docs["participation/" + p.Id] = Normal(p); }
        foreach (var c in await session.Query<PilotCard>().ToListAsync()) docs["pilot/" + c.Id] = Normal(c);
        foreach (var b in await session.Query<PilotsSummary>().ToListAsync()) { b.UpdatedAt = default; docs["board/" + b.Id] = Normal(b); }
        foreach (var d in await session.Query<DashboardExperiment>().ToListAsync()) docs["experiment/" + d.Id] = Normal(d);
        return docs;
    }

    /// <summary>JSON with object keys sorted: dictionaries may be filled in another order by a rebuild.</summary>
    private static string Normal<T>(T document) => Sorted(JsonSerializer.SerializeToNode(document))?.ToJsonString() ?? "null";

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value?.DeepClone())))),
        JsonArray a => new JsonArray(a.Select(x => Sorted(x?.DeepClone())).ToArray()),
        _ => node?.DeepClone(),
    };
}

[CollectionDefinition(Name)]
public sealed class RebuildCollection : ICollectionFixture<LedgerApp>
{
    public const string Name = "rebuild";
}
