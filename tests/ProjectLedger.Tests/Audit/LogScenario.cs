using System.Text.Json.Nodes;
using Alba;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ProjectLedger.Audit;
using ProjectLedger.Tests.Dashboards;
using ProjectLedger.Tests.Infrastructure;
using Shouldly;

namespace ProjectLedger.Tests.Audit;

/// <summary>Shared steps of the log tests: an experiment with history, waiting for the log, SQL as a database administrator would run it.</summary>
public sealed class LogScenario(LedgerApp app)
{
    public Api Auditor { get; } = new Api(app).As("auditor", "*");

    public async Task<Guid> ExperimentWithHistory(string county = "vantaa-kerava")
    {
        var flow = new DashboardFlow(app, county);
        var id = await flow.Propose("Sosiaalihuollon alkuarviointilomake");
        await flow.Plan(id);
        await flow.Pilot(id, DashboardFlow.Today.AddDays(-5), DashboardFlow.Today.AddDays(90));
        await flow.Participation(id, DashboardFlow.Today, new() { ["client"] = 12 }, new() { ["30to64"] = 12 });
        return id;
    }

    public TransparencyLog Log => app.Host.Services.GetRequiredService<TransparencyLog>();

    /// <summary>Waits until every event of the stream is a leaf and a published checkpoint covers them all.</summary>
    public async Task InCheckpoint(Guid stream)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var events = await Scalar("select count(*) from {schema}.mt_events where stream_id = @id", stream);
            var highest = await Scalar($"select coalesce(max(leaf_index), -1) from {{schema}}.{LogSchema.Leaves} where stream_id = @id", stream);
            var leaves = await Scalar($"select count(*) from {{schema}}.{LogSchema.Leaves} where stream_id = @id", stream);
            if (leaves == events && Log.Latest?.Checkpoint.TreeSize > highest) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Stream {stream}: {leaves} of {events} events in the log, checkpoint of {Log.Latest?.Checkpoint.TreeSize}.");
            await Task.Delay(100);
        }
    }

    public async Task Sql(string sql, Guid stream)
    {
        await using var connection = await app.Host.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql.Replace("{schema}", app.Schema), connection);
        command.Parameters.AddWithValue("id", stream);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<long> Scalar(string sql, Guid stream)
    {
        await using var connection = await app.Host.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql.Replace("{schema}", app.Schema), connection);
        command.Parameters.AddWithValue("id", stream);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    /// <summary>Recomputes the chain hashes from a version on, in C#, as a careful forger would (the trigger only runs on insert).</summary>
    public async Task Rechain(Guid stream, long fromVersion, bool alsoLeaves = false)
    {
        var dataSource = app.Host.Services.GetRequiredService<NpgsqlDataSource>();
        var rows = new List<StoredEvent>();
        await using (var command = dataSource.CreateCommand($"select {ChainVerifier.EventColumns} from {app.Schema}.mt_events where stream_id = $1 order by version"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = stream });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) rows.Add(ChainVerifier.Read(reader));
        }
        var previous = "";
        foreach (var row in rows)
        {
            if (row.Version >= fromVersion)
            {
                var chained = row.Chained(stream, row.Version, previous);
                var hash = HashChain.ComputeV2(chained);
                await using var update = dataSource.CreateCommand($"""
                    update {app.Schema}.mt_events set headers = headers || jsonb_build_object('hash', $3::text, 'previousHash', $4::text, 'hashScheme', 2,
                           'metadataHash', $5::text) where stream_id = $1 and version = $2
                    """);
                foreach (var value in new object[] { stream, row.Version, hash, previous, HashChain.MetadataHash(row.CorrelationId, row.UserId, row.Role, row.Reason) })
                    update.Parameters.Add(new NpgsqlParameter { Value = value });
                await update.ExecuteNonQueryAsync();
                if (alsoLeaves)
                {
                    await using var leaf = dataSource.CreateCommand($"update {app.Schema}.{LogSchema.Leaves} set leaf_hash = $3 where stream_id = $1 and version = $2");
                    foreach (var value in new object[] { stream, row.Version, ProjectLedger.Audit.Log.LeafForm.LeafHash(chained) })
                        leaf.Parameters.Add(new NpgsqlParameter { Value = value });
                    await leaf.ExecuteNonQueryAsync();
                }
                previous = hash;
            }
            else previous = row.Hash!;
        }
    }

    public async Task<JsonNode> Verify(Guid id) => await Auditor.Get($"/api/audit/verify?experimentId={id}");

    public async Task<string> Text(string url, string? token = null)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url(url);
            if (token is not null) s.WithRequestHeader("Authorization", "Bearer " + token);
            s.StatusCodeShouldBe(200);
        });
        return await result.ReadAsTextAsync();
    }

    public async Task<byte[]> Bytes(string url)
    {
        var result = await app.Host.Scenario(s => { s.Get.Url(url); s.StatusCodeShouldBe(200); });
        using var memory = new MemoryStream();
        await result.Context.Response.Body.CopyToAsync(memory);
        return memory.ToArray();
    }

    /// <summary>The export lines of one experiment, exactly as written.</summary>
    public async Task<List<string>> ExportLines(Guid id)
    {
        var text = await Text($"/api/audit/export?experimentId={id}", app.Token("auditor", "*"));
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    public static void ShouldName(JsonNode result, long version, string problem)
    {
        result["intact"]!.GetValue<bool>().ShouldBeFalse();
        result["firstMismatch"]!["problem"]!.GetValue<string>().ShouldBe(problem);
        result["firstMismatch"]!["version"]!.GetValue<long>().ShouldBe(version);
    }
}

/// <summary>
/// The tampering tests edit and delete events with SQL: they get a host and a schema of their own,
/// so the dashboards' as-of tests in the shared collection never fold a history they broke.
/// </summary>
[CollectionDefinition(Name)]
public sealed class TamperCollection : ICollectionFixture<LedgerApp>
{
    public const string Name = "tamper";
}
