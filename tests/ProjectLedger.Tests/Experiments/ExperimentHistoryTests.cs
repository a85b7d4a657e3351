using System.Text.Json.Nodes;
using ProjectLedger.Tests.Infrastructure;
using Shouldly;

namespace ProjectLedger.Tests.Experiments;

/// <summary>The auditor's view: every event with its metadata and hash chain, and the state as of a version or a moment.</summary>
[Collection(LedgerCollection.Name)]
public sealed class ExperimentHistoryTests(LedgerApp app)
{
    private readonly Api _api = new(app);
    private readonly Api _auditor = new Api(app).As("auditor", "*", "tarkastaja");
    private readonly ExperimentScenarios _given = new(new Api(app));

    [Fact]
    public async Task the_history_lists_every_event_with_its_metadata_and_a_hash_chain()
    {
        var id = await _given.PilotAsync();
        await _api.Post($"/api/experiments/{id}/participation", ExperimentBodies.Myllypuro(reason: "LeanLab-kierros"), 200);

        var history = (await _auditor.Get($"/api/experiments/{id}/history")).AsArray();

        history.Select(h => h!["type"]!.GetValue<string>()).ShouldBe(
            ["ExperimentProposed", "ExperimentPlanned", "StageGateDecided", "PilotLaunched", "StageGateDecided", "ParticipationRecorded"]);
        history.Select(h => h!["version"]!.GetValue<long>()).ShouldBe([1L, 2, 3, 4, 5, 6]);
        var sequences = history.Select(h => h!["sequence"]!.GetValue<long>()).ToList();
        sequences.ShouldBe(sequences.Order().Distinct().ToList());
        var timestamps = history.Select(h => h!["timestamp"]!.GetValue<DateTimeOffset>()).ToList();
        timestamps.ShouldBe(timestamps.Order().ToList());

        history[0]!["data"]!["title"]!.GetValue<string>().ShouldBe("Chat-neuvonta sosiaalipalveluihin");
        history[2]!["data"]!["to"]!.GetValue<string>().ShouldBe("Planned");
        history[5]!["data"]!["byAgeBand"]!["65plus"]!.GetValue<int>().ShouldBe(44);

        foreach (var entry in history)
        {
            var metadata = entry!["metadata"]!;
            metadata["userId"]!.GetValue<string>().ShouldBe("test-user");
            metadata["role"]!.GetValue<string>().ShouldBe("projectOffice");
            metadata["correlationId"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
            metadata["hash"]!.GetValue<string>().ShouldMatch("^[0-9a-f]{64}$");
        }
        history[5]!["metadata"]!["reason"]!.GetValue<string>().ShouldBe("LeanLab-kierros");
        history[0]!["metadata"]!["reason"].ShouldBeNull();

        history[0]!["metadata"]!["previousHash"]!.GetValue<string>().ShouldBe("");
        for (var i = 1; i < history.Count; i++)
            history[i]!["metadata"]!["previousHash"]!.GetValue<string>().ShouldBe(history[i - 1]!["metadata"]!["hash"]!.GetValue<string>());
    }

    [Fact]
    public async Task as_of_a_version_gives_the_stage_at_that_version()
    {
        var id = await _given.EvaluateAsync();

        (await AsOf(id, "version=1")).ShouldSatisfyAllConditions(s => s["stage"]!.GetValue<string>().ShouldBe("Idea"), s => s["plan"].ShouldBeNull());
        (await AsOf(id, "version=2"))["stage"]!.GetValue<string>().ShouldBe("Idea");
        var planned = await AsOf(id, "version=3");
        planned["stage"]!.GetValue<string>().ShouldBe("Planned");
        planned["version"]!.GetValue<long>().ShouldBe(3);
        planned["pilot"].ShouldBeNull();
        (await AsOf(id, "version=5"))["stage"]!.GetValue<string>().ShouldBe("Piloting");
        (await AsOf(id, "version=7"))["stage"]!.GetValue<string>().ShouldBe("Evaluating");
    }

    [Fact]
    public async Task as_of_a_moment_gives_the_state_as_it_stood_then()
    {
        var id = await _given.PlanAsync();
        await Task.Delay(50);
        await _api.Post($"/api/experiments/{id}/pilot", ExperimentBodies.Pilot(), 200);
        var history = (await _auditor.Get($"/api/experiments/{id}/history")).AsArray();

        var proposedAt = Timestamp(history[0]!);
        var then = await AsOf(id, "at=" + Uri.EscapeDataString(proposedAt));
        then["stage"]!.GetValue<string>().ShouldBe("Idea");
        then["version"]!.GetValue<long>().ShouldBe(1);

        var plannedAt = Timestamp(history[2]!);
        var planned = await AsOf(id, "at=" + Uri.EscapeDataString(plannedAt));
        planned["stage"]!.GetValue<string>().ShouldBe("Planned");
        planned["version"]!.GetValue<long>().ShouldBe(3);

        (await AsOf(id, "at=" + Uri.EscapeDataString(Timestamp(history[4]!))))["stage"]!.GetValue<string>().ShouldBe("Piloting");
    }

    [Theory]
    [InlineData("")]
    [InlineData("?version=2&at=2026-01-01T00:00:00Z")]
    [InlineData("?version=0")]
    [InlineData("?version=99")]
    public async Task as_of_needs_exactly_one_of_version_and_time_within_the_history(string query)
    {
        var id = await _given.PlanAsync();
        (await _auditor.Get($"/api/experiments/{id}/as-of{query}", 400)).ShouldHaveFieldError("version");
    }

    [Fact]
    public async Task as_of_a_time_before_the_first_event_is_404()
    {
        var id = await _given.ProposeAsync();
        var history = (await _auditor.Get($"/api/experiments/{id}/history")).AsArray();
        var before = history[0]!["timestamp"]!.GetValue<DateTimeOffset>().AddSeconds(-1).ToString("O");

        (await _auditor.Get($"/api/experiments/{id}/as-of?at={Uri.EscapeDataString(before)}", 404)).ShouldBeProblem(404);
        (await _auditor.Get($"/api/experiments/{Guid.NewGuid()}/as-of?version=1", 404)).ShouldBeProblem(404);
    }

    private async Task<JsonNode> AsOf(Guid id, string query) => await _auditor.Get($"/api/experiments/{id}/as-of?{query}");

    /// <summary>The timestamp exactly as the history serialised it.</summary>
    private static string Timestamp(JsonNode entry) => entry["timestamp"]!.GetValue<string>();
}
