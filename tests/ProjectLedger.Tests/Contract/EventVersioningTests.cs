using JasperFx;
using JasperFx.Events;
using Marten;
using ProjectLedger.Experiments;
using ProjectLedger.Tests.Dashboards;
using ProjectLedger.Tests.Infrastructure;
using Shouldly;
using Weasel.Core;

namespace ProjectLedger.Tests.Contract;

/// <summary>ExperimentPutOnHold changed shape (v2 adds reviewOn): holds stored by the previous release still read.</summary>
[Collection(LedgerCollection.Name)]
public sealed class EventVersioningTests(LedgerApp app)
{
    /// <summary>A store configured like the release before v2: it appends the v1 shape.</summary>
    private IDocumentStore PreviousRelease() => DocumentStore.For(opts =>
    {
        opts.Connection(TestDatabase.ConnectionString);
        opts.DatabaseSchemaName = app.Schema;
        opts.AutoCreateSchemaObjects = AutoCreate.None;
        opts.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
        opts.Events.MetadataConfig.HeadersEnabled = true;
        opts.Events.MetadataConfig.CorrelationIdEnabled = true;
        opts.Events.MetadataConfig.CausationIdEnabled = true;
        opts.Events.MetadataConfig.UserNameEnabled = true;
        opts.Events.AddEventType<ExperimentPutOnHold>();
        opts.Events.AddEventType<StageGateDecided>();
    });

    [Fact]
    public async Task a_hold_stored_in_the_v1_shape_reads_as_v2_without_a_review_date()
    {
        var flow = new DashboardFlow(app);
        var id = await flow.Propose("Nuorten chat-ryhmä");
        using (var previous = PreviousRelease())
        await using (var session = previous.LightweightSession())
        {
            session.Events.Append(id, new ExperimentPutOnHold("Rahoituspäätös viivästyi"),
                new StageGateDecided(Stage.Idea, Stage.OnHold, "hold", "Rahoituspäätös viivästyi", "projectOffice"));
            await session.SaveChangesAsync();
        }

        var history = (await flow.National.Get($"/api/experiments/{id}/history")).AsArray();
        history[1]!["type"]!.GetValue<string>().ShouldBe(nameof(ExperimentPutOnHoldV2));
        history[1]!["data"]!["reason"]!.GetValue<string>().ShouldBe("Rahoituspäätös viivästyi");
        history[1]!["data"]!["reviewOn"].ShouldBeNull();
        history[1]!["metadata"]!["hash"]!.GetValue<string>().Length.ShouldBe(64);

        var then = await flow.National.Get($"/api/experiments/{id}/as-of?version=3");
        then["stage"]!.GetValue<string>().ShouldBe("OnHold");
        then["onHold"]!["reason"]!.GetValue<string>().ShouldBe("Rahoituspäätös viivästyi");
        (await flow.National.Get($"/api/audit/verify?experimentId={id}"))["intact"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task new_holds_are_stored_in_the_v2_shape_with_their_review_date()
    {
        var flow = new DashboardFlow(app);
        var id = await flow.Propose();
        await new Api(app).Post($"/api/experiments/{id}/hold", new { reason = "Kesätauko", reviewOn = "2026-08-15" }, 200);
        var events = await app.StreamEvents(id);
        events[1].Data.ShouldBe(new ExperimentPutOnHoldV2("Kesätauko", new DateOnly(2026, 8, 15)));
        events[1].EventTypeName.ShouldBe("experiment_put_on_hold_v2");
    }
}
