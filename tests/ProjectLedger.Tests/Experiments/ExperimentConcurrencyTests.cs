using System.Text;
using System.Text.Json;
using Alba;
using ProjectLedger.Experiments;
using ProjectLedger.Tests.Infrastructure;
using Shouldly;

namespace ProjectLedger.Tests.Experiments;

/// <summary>expectedVersion and racing writers: exactly one writer wins a version, none is lost or doubled.</summary>
[Collection(LedgerCollection.Name)]
public sealed class ExperimentConcurrencyTests(LedgerApp app)
{
    private readonly Api _api = new(app);
    private readonly ExperimentScenarios _given = new(new Api(app));

    [Fact]
    public async Task a_stale_expected_version_is_409_with_the_current_version_and_stores_nothing()
    {
        var id = await _given.PilotAsync();
        var current = await _given.VersionAsync(id);

        var problem = await app.ShouldStoreNothing(id, () =>
            _api.Post($"/api/experiments/{id}/participation", ExperimentBodies.Myllypuro(expectedVersion: current - 1), 409));

        problem.ShouldBeProblem(409);
        problem["title"]!.GetValue<string>().ShouldBe("Version conflict");
        problem["currentVersion"]!.GetValue<long>().ShouldBe(current);
        problem["detail"]!.GetValue<string>().ShouldContain($"Expected version {current - 1}");
    }

    [Fact]
    public async Task the_right_expected_version_is_200_with_the_new_version()
    {
        var id = await _given.PilotAsync();
        var current = await _given.VersionAsync(id);

        var written = await _api.Post($"/api/experiments/{id}/participation", ExperimentBodies.Myllypuro(expectedVersion: current), 200);

        written["id"]!.GetValue<Guid>().ShouldBe(id);
        written["version"]!.GetValue<long>().ShouldBe(current + 1);
        (await app.StreamEvents(id)).Count.ShouldBe((int)current + 1);

        // A move that appends two events (the fact and its stage gate) answers the version after both.
        var ended = await _api.Post($"/api/experiments/{id}/pilot/end", new { ended = "2026-08-31", expectedVersion = current + 1 }, 200);
        ended["version"]!.GetValue<long>().ShouldBe(current + 3);
        (await _given.VersionAsync(id)).ShouldBe(current + 3);
    }

    [Fact]
    public async Task twenty_writers_with_the_same_expected_version_exactly_one_wins()
    {
        var id = await _given.PilotAsync();
        var version = await _given.VersionAsync(id);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            PostAnyStatus($"/api/experiments/{id}/participation", ExperimentBodies.Myllypuro(expectedVersion: version))));

        results.Count(r => r.Status == 200).ShouldBe(1);
        var conflicts = results.Where(r => r.Status == 409).ToList();
        conflicts.Count.ShouldBe(19, string.Join(", ", results.Select(r => r.Status)));
        foreach (var conflict in conflicts)
        {
            conflict.ContentType.ShouldStartWith("application/problem+json");
            var problem = JsonDocument.Parse(conflict.Body).RootElement;
            problem.GetProperty("status").GetInt32().ShouldBe(409);
            problem.GetProperty("currentVersion").GetInt64().ShouldBe(version + 1);
        }

        var events = await app.StreamEvents(id);
        events.Select(e => e.Version).ShouldBe(Enumerable.Range(1, events.Count).Select(v => (long)v));
        events.Count(e => e.Data is ParticipationRecorded).ShouldBe(1);
        (await _given.StateAsync(id))["participation"]!["total"]!.GetValue<int>().ShouldBe(104);
    }

    [Fact]
    public async Task twenty_writers_without_an_expected_version_lose_nothing_and_double_nothing()
    {
        var id = await _given.PilotAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            PostAnyStatus($"/api/experiments/{id}/participation", ExperimentBodies.Myllypuro())));

        results.ShouldAllBe(r => r.Status == 200 || r.Status == 409, string.Join(", ", results.Select(r => $"{r.Status} {r.Body}")));
        var accepted = results.Count(r => r.Status == 200);
        accepted.ShouldBeGreaterThanOrEqualTo(1);

        var events = await app.StreamEvents(id);
        events.Select(e => e.Version).ShouldBe(Enumerable.Range(1, events.Count).Select(v => (long)v));
        events.Count(e => e.Data is ParticipationRecorded).ShouldBe(accepted);
        results.Where(r => r.Status == 200).Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("version").GetInt64())
            .OrderBy(v => v).ShouldBe(events.Where(e => e.Data is ParticipationRecorded).Select(e => e.Version));
        (await _given.StateAsync(id))["participation"]!["total"]!.GetValue<int>().ShouldBe(104 * accepted);
    }

    private async Task<(int Status, string ContentType, string Body)> PostAnyStatus(string url, object body)
    {
        var json = JsonSerializer.Serialize(body, Api.Json);
        var result = await app.Host.Scenario(s =>
        {
            s.Post.Url(url);
            s.ConfigureHttpContext(http =>
            {
                var bytes = Encoding.UTF8.GetBytes(json);
                http.Request.Body = new MemoryStream(bytes);
                http.Request.ContentLength = bytes.Length;
                http.Request.ContentType = "application/json";
            });
            s.WithRequestHeader("Authorization", "Bearer " + app.Token(Api.Office, "vantaa-kerava"));
            s.IgnoreStatusCode();
        });
        return (result.Context.Response.StatusCode, result.Context.Response.ContentType ?? "", await result.ReadAsTextAsync());
    }
}
