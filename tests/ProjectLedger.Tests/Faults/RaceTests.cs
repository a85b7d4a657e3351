using System.Text.Json.Nodes;
using ProjectLedger.Tests.Experiments;
using ProjectLedger.Tests.Processes;
using Shouldly;

namespace ProjectLedger.Tests.Faults;

/// <summary>
/// Fifty clients over real HTTP to a real app process, all sending the same expectedVersion at once:
/// exactly one wins, the other 49 get 409 problem details naming the new version, and the stream's
/// versions stay contiguous (no gap, no duplicate, nothing half-written).
/// </summary>
[Trait("Category", "Process")]
[Trait("Category", "Faults")]
public sealed class RaceTests
{
    private const int Writers = 50;

    [Fact]
    public async Task fifty_writers_with_one_expected_version_one_wins_the_rest_get_409_and_versions_stay_contiguous()
    {
        await using var app = await AppProcess.Start(new Dictionary<string, string?> { ["LEDGER_RATE_LIMIT"] = "off" });
        using var office = app.Client("projectOffice", "vantaa-kerava");
        var (id, version) = await office.PlannedExperiment();

        // Warm the endpoint (first call compiles Wolverine's handler) so the 50 really race each other.
        var warm = await office.PostJson($"/api/experiments/{id}/participation", ExperimentBodies.Myllypuro(expectedVersion: version, reason: "warm-up"));
        warm.Status.ShouldBe(200, warm.ToString());
        version = warm.Json["version"]!.GetValue<long>();

        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writers = Enumerable.Range(0, Writers).Select(async i =>
        {
            await go.Task;
            return await office.PostJson($"/api/experiments/{id}/participation",
                ExperimentBodies.Myllypuro(expectedVersion: version, reason: $"writer-{i}"));
        }).ToList();
        go.SetResult();
        var answers = await Task.WhenAll(writers);

        var summary = string.Join("\n", answers.Select(a => a.ToString()));
        answers.Count(a => a.Status == 200).ShouldBe(1, summary);
        answers.Count(a => a.Status == 409).ShouldBe(Writers - 1, summary);
        answers.Single(a => a.Status == 200).Json["version"]!.GetValue<long>().ShouldBe(version + 1);
        foreach (var conflict in answers.Where(a => a.Status == 409))
        {
            conflict.IsProblem.ShouldBeTrue(conflict.ToString());
            conflict.Json["title"]!.GetValue<string>().ShouldBe("Version conflict");
            conflict.Json["currentVersion"]!.GetValue<long>().ShouldBe(version + 1, conflict.ToString());
        }

        var history = await office.GetAnswer($"/api/experiments/{id}/history");
        history.Status.ShouldBe(200, history.ToString());
        var events = history.Json.AsArray().Select(e => e!).ToList();
        events.Select(e => e["version"]!.GetValue<long>()).ShouldBe(Enumerable.Range(1, (int)version + 1).Select(v => (long)v));
        var sequences = events.Select(e => e["sequence"]!.GetValue<long>()).ToList();
        sequences.ShouldBe(sequences.Order().Distinct().ToList(), "event sequences are unique and ascending");
        var reasons = events.Select(e => e["metadata"]!["reason"]?.GetValue<string>()).Where(r => r?.StartsWith("writer-") == true).ToList();
        reasons.Count.ShouldBe(1, "exactly one racing writer's event was stored");

        var state = await office.GetAnswer($"/api/experiments/{id}");
        state.Json["version"]!.GetValue<long>().ShouldBe(version + 1);
        state.Json["participation"]!["total"]!.GetValue<int>().ShouldBe(2 * 104);
    }
}
