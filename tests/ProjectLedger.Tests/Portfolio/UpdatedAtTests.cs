using Marten.Events;
using JasperFx.Events;
using ProjectLedger.Demo;
using ProjectLedger.Experiments;
using ProjectLedger.Tests.Infrastructure;
using Shouldly;

namespace ProjectLedger.Tests.Portfolio;

[Collection(LedgerCollection.Name)]
public sealed class UpdatedAtTests(LedgerApp app)
{
    /// <summary>
    /// Etelä-Savo's board said "Tiedot päivitetty 26.3.2026" while its rows were from November: a scope
    /// took the time of its batch's last event, which was another county's older one (demo history).
    /// </summary>
    [Fact]
    public async Task a_scope_is_as_new_as_its_own_latest_event_not_the_batchs_last()
    {
        var theme = "paivitetty-" + Guid.NewGuid().ToString("N")[..8];
        var recent = DateTimeOffset.UtcNow.AddHours(-1);
        var old = new DateTimeOffset(2026, 3, 26, 9, 0, 0, TimeSpan.Zero);
        await using (var session = app.Store.LightweightSession())
        {
            session.Events.StartStream<Experiment>(Guid.NewGuid(), Proposed("Etelä-Savon chat", "etela-savo", theme, recent));
            session.Events.StartStream<Experiment>(Guid.NewGuid(), Proposed("Lapin etävastaanotto", "lappi", "muu-" + theme, old));
            await session.SaveChangesAsync();
        }
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

        var national = new Api(app).As("leadership", "*");
        var funnel = await national.Get($"/api/dashboards/funnel?theme={theme}");
        funnel["updatedAt"]!.GetValue<DateTimeOffset>().ShouldBe(recent, TimeSpan.FromMilliseconds(1));
        var other = await national.Get($"/api/dashboards/funnel?theme=muu-{theme}");
        other["updatedAt"]!.GetValue<DateTimeOffset>().ShouldBe(old, TimeSpan.FromMilliseconds(1));
    }

    private static IEvent Proposed(string title, string county, string theme, DateTimeOffset at)
    {
        var e = DemoStream.Wrap(new ExperimentProposed(title, "Asiakkaat jonottavat.", county, null, null, [theme], "palveluesihenkilö"));
        e.Version = 1;
        e.Timestamp = at;
        return e;
    }
}
