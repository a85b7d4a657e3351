using ProjectLedger.Tests.Infrastructure;
using Shouldly;

namespace ProjectLedger.Tests.Experiments;

/// <summary>Business dates take what a client naturally sends: an ISO-8601 date or date-time.</summary>
[Collection(LedgerCollection.Name)]
public sealed class BusinessDateTests(LedgerApp app)
{
    private readonly Api _api = new(app);
    private readonly ExperimentScenarios _given = new(new Api(app));

    [Fact]
    public async Task a_measurement_at_a_utc_date_time_is_recorded_on_that_day()
    {
        var id = await _given.PilotAsync();
        await _api.Post($"/api/experiments/{id}/measurements",
            new { metric = ExperimentScenarios.Criterion, value = 171, at = "2026-03-01T00:00:00Z" }, 200);

        var state = await _given.StateAsync(id);
        var progress = state["measurements"]!.AsArray().Single(m => m!["metric"]!.GetValue<string>() == ExperimentScenarios.Criterion)!;
        progress["latestAt"]!.GetValue<string>().ShouldBe("2026-03-01");
    }

    [Fact]
    public async Task a_date_time_with_an_offset_keeps_the_day_as_written()
    {
        var id = await _given.PilotAsync();
        await _api.Post($"/api/experiments/{id}/pilot/end", new { ended = "2026-05-31T23:30:00+03:00", reason = "Pilottijakso päättyi" }, 200);

        var state = await _given.StateAsync(id);
        state["pilot"]!["ended"]!.GetValue<string>().ShouldBe("2026-05-31");
    }

    [Fact]
    public async Task a_date_that_is_not_iso_is_refused_and_nothing_is_stored()
    {
        var id = await _given.PilotAsync();
        foreach (var at in new[] { "1.3.2026", "2026-02-30", "2026-03-01Tnoon" })
        {
            var problem = await app.ShouldStoreNothing(id, () =>
                _api.Post($"/api/experiments/{id}/measurements", new { metric = ExperimentScenarios.Criterion, value = 1, at }, 400));
            problem["status"]!.GetValue<int>().ShouldBe(400);
        }
    }
}
