using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ProjectLedger.Audit;
using ProjectLedger.Tests.Dashboards;
using ProjectLedger.Tests.Infrastructure;
using Shouldly;

namespace ProjectLedger.Tests.Audit;

[Collection(TamperCollection.Name)]
public sealed class AuditTests(LedgerApp app)
{
    private readonly Api _auditor = new Api(app).As("auditor", "*");

    /// <summary>An experiment with six events: proposed, planned (+gate), pilot (+gate), participation.</summary>
    private async Task<Guid> ExperimentWithHistory(string county = "vantaa-kerava")
    {
        var flow = new DashboardFlow(app, county);
        var id = await flow.Propose("Sosiaalihuollon alkuarviointilomake");
        await flow.Plan(id);
        await flow.Pilot(id, DashboardFlow.Today.AddDays(-5), DashboardFlow.Today.AddDays(90));
        await flow.Participation(id, DashboardFlow.Today, new() { ["client"] = 12 }, new() { ["30to64"] = 12 });
        return id;
    }

    private async Task Sql(string sql, Guid stream)
    {
        await using var connection = await app.Host.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql.Replace("{schema}", app.Schema), connection);
        command.Parameters.AddWithValue("id", stream);
        (await command.ExecuteNonQueryAsync()).ShouldBeGreaterThan(0);
    }

    private Task<JsonNode> Verify(Guid id) => _auditor.Get($"/api/audit/verify?experimentId={id}");

    [Fact]
    public async Task an_untouched_history_is_intact()
    {
        var id = await ExperimentWithHistory();
        var result = await Verify(id);
        result["intact"]!.GetValue<bool>().ShouldBeTrue();
        result["events"]!.GetValue<long>().ShouldBe(6);
        result["headHash"]!.GetValue<string>().Length.ShouldBe(64);
        result["firstMismatch"].ShouldBeNull();
    }

    [Fact]
    public async Task changing_one_events_data_with_sql_is_named_by_version()
    {
        var id = await ExperimentWithHistory();
        await Sql("""update {schema}.mt_events set data = jsonb_set(data, '{byKind,client}', '120') where stream_id = @id and version = 6""", id);
        var mismatch = (await Verify(id))["firstMismatch"]!;
        mismatch["version"]!.GetValue<long>().ShouldBe(6);
        mismatch["problem"]!.GetValue<string>().ShouldBe(ChainVerifier.DataChanged);
    }

    [Fact]
    public async Task deleting_an_event_is_named_as_missing()
    {
        var id = await ExperimentWithHistory();
        await Sql("delete from {schema}.mt_events where stream_id = @id and version = 3", id);
        var result = await Verify(id);
        result["intact"]!.GetValue<bool>().ShouldBeFalse();
        result["firstMismatch"]!["version"]!.GetValue<long>().ShouldBe(3);
        result["firstMismatch"]!["problem"]!.GetValue<string>().ShouldBe(ChainVerifier.EventMissing);
    }

    [Fact]
    public async Task deleting_the_last_event_is_named_as_missing()
    {
        var id = await ExperimentWithHistory();
        await Sql("delete from {schema}.mt_events where stream_id = @id and version = 6", id);
        var mismatch = (await Verify(id))["firstMismatch"]!;
        mismatch["version"]!.GetValue<long>().ShouldBe(6);
        mismatch["problem"]!.GetValue<string>().ShouldBe(ChainVerifier.EventMissing);
    }

    [Fact]
    public async Task swapping_two_events_is_named_as_an_order_change()
    {
        var id = await ExperimentWithHistory();
        await Sql("""
            update {schema}.mt_events e set data = o.data, type = o.type, mt_dotnet_type = o.mt_dotnet_type
              from {schema}.mt_events o
             where e.stream_id = @id and o.stream_id = @id and ((e.version = 4 and o.version = 5) or (e.version = 5 and o.version = 4))
            """, id);
        var mismatch = (await Verify(id))["firstMismatch"]!;
        mismatch["version"]!.GetValue<long>().ShouldBe(4);
        mismatch["problem"]!.GetValue<string>().ShouldBe(ChainVerifier.OrderChanged);
    }

    [Fact]
    public async Task swapping_two_version_numbers_is_named_as_an_order_change()
    {
        var id = await ExperimentWithHistory();
        await Sql("""
            update {schema}.mt_events set version = -2 where stream_id = @id and version = 2;
            update {schema}.mt_events set version = 2 where stream_id = @id and version = 3;
            update {schema}.mt_events set version = 3 where stream_id = @id and version = -2;
            """, id);
        var mismatch = (await Verify(id))["firstMismatch"]!;
        mismatch["version"]!.GetValue<long>().ShouldBe(2);
        mismatch["problem"]!.GetValue<string>().ShouldBe(ChainVerifier.OrderChanged);
    }

    [Fact]
    public async Task verify_needs_an_experiment_id_and_respects_counties()
    {
        (await _auditor.Get("/api/audit/verify", 400)).ShouldHaveFieldError("experimentId");
        (await _auditor.Get($"/api/audit/verify?experimentId={Guid.NewGuid()}", 404)).ShouldBeProblem(404);
        var id = await ExperimentWithHistory();
        (await new Api(app).As("leadership", "lappi").Get($"/api/audit/verify?experimentId={id}", 403)).ShouldBeProblem(403);
    }

    [Fact]
    public async Task the_export_of_a_county_has_every_event_in_sequence_order_with_its_hash()
    {
        var county = "keski-pohjanmaa";
        var first = await ExperimentWithHistory(county);
        var second = await ExperimentWithHistory(county);
        var elsewhere = await ExperimentWithHistory("kymenlaakso");

        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url($"/api/audit/export?county={county}");
            s.WithRequestHeader("Authorization", "Bearer " + app.Token("auditor", "*"));
            s.StatusCodeShouldBe(200);
            s.Header("Content-Type").SingleValueShouldEqual("application/x-ndjson; charset=utf-8");
        });
        var lines = (await result.ReadAsTextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();

        var streams = lines.Select(l => l.GetProperty("streamId").GetGuid()).Distinct().ToList();
        streams.ShouldContain(first);
        streams.ShouldContain(second);
        streams.ShouldNotContain(elsewhere);
        foreach (var stream in streams)
            (await _auditor.Get($"/api/experiments/{stream}"))["county"]!.GetValue<string>().ShouldBe(county);
        lines.Count(l => l.GetProperty("streamId").GetGuid() == first).ShouldBe(6);

        var sequences = lines.Select(l => l.GetProperty("sequence").GetInt64()).ToList();
        sequences.ShouldBe(sequences.Order().ToList());
        foreach (var stream in new[] { first, second })
        {
            var previous = "";
            foreach (var line in lines.Where(l => l.GetProperty("streamId").GetGuid() == stream))
            {
                var metadata = line.GetProperty("metadata");
                metadata.GetProperty("previousHash").GetString().ShouldBe(previous);
                string? Meta(string name) => metadata.TryGetProperty(name, out var v) ? v.GetString() : null;
                metadata.GetProperty(HashChain.SchemeHeader).GetInt32().ShouldBe(HashChain.CurrentScheme);
                var hash = HashChain.ComputeV2(new ChainedEvent(stream, line.GetProperty("version").GetInt64(), line.GetProperty("type").GetString()!,
                    line.GetProperty("timestamp").GetDateTimeOffset(), line.GetProperty("data").GetRawText(),
                    line.GetProperty("correlationId").GetString(), Meta("userId"), Meta("role"), Meta("reason"), previous));
                metadata.GetProperty("hash").GetString().ShouldBe(hash);
                previous = hash;
            }
        }
    }

    [Fact]
    public async Task only_auditors_and_admins_export()
    {
        (await new Api(app).As("leadership", "*").Get("/api/audit/export", 403)).ShouldBeProblem(403);
        (await new Api(app).As("projectOffice", "vantaa-kerava").Get("/api/audit/export", 403)).ShouldBeProblem(403);
        (await _auditor.Get("/api/audit/export?county=atlantis", 400)).ShouldHaveFieldError("county");
    }
}
