using Alba;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ProjectLedger.Audit;
using ProjectLedger.Tests.Infrastructure;
using Shouldly;

namespace ProjectLedger.Tests.Audit;

/// <summary>
/// A log whose stored leaves no longer give the tree its checkpoints signed stops publishing, and
/// /health says so — checked at start-up against the checkpoints in the database and in
/// LEDGER_CHECKPOINT_DIR.
/// </summary>
[Trait("Category", "Slow")]
public sealed class LogHaltTests
{
    [Fact]
    public async Task leaves_rewritten_between_two_runs_stop_publishing_and_turn_health_unhealthy()
    {
        var schema = "t_" + Guid.NewGuid().ToString("N")[..12];
        var folder = Directory.CreateTempSubdirectory("ledger-checkpoints-").FullName;
        var settings = new Dictionary<string, string?> { ["LEDGER_CHECKPOINT_DIR"] = folder };

        long size;
        await using (var first = await LedgerApp.Start(schema, settings))
        {
            var token = first.Services.GetRequiredService<ProjectLedger.Security.TokenIssuer>().Issue("u", "projectOffice", "vantaa-kerava");
            for (var i = 0; i < 3; i++)
                await first.Scenario(s =>
                {
                    s.Post.Json(new { title = $"Kokeilu {i}", problem = "Ongelma", county = "vantaa-kerava", themes = new[] { "loki" }, proposedByRole = "projektipäällikkö" })
                        .ToUrl("/api/experiments");
                    s.WithRequestHeader("Authorization", "Bearer " + token);
                    s.StatusCodeShouldBe(201);
                });
            var log = first.Services.GetRequiredService<TransparencyLog>();
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while ((log.Latest?.Checkpoint.TreeSize ?? 0) < 3 && DateTime.UtcNow < deadline) await Task.Delay(100);
            size = log.Latest!.Checkpoint.TreeSize;
            size.ShouldBe(3);
            Directory.GetFiles(folder, "checkpoint.3").ShouldNotBeEmpty();
        }

        await using (var connection = new NpgsqlConnection(TestDatabase.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"update {schema}.{LogSchema.Leaves} set leaf_hash = sha256(leaf_hash) where leaf_index = 1", connection);
            (await command.ExecuteNonQueryAsync()).ShouldBe(1);
        }

        await using var second = await LedgerApp.Start(schema, settings);
        var halted = second.Services.GetRequiredService<TransparencyLog>();
        var until = DateTime.UtcNow.AddSeconds(15);
        while (halted.Halted is null && DateTime.UtcNow < until) await Task.Delay(100);
        halted.Halted.ShouldNotBeNull().ShouldContain("leaves were rewritten");
        var health = await second.Scenario(s => { s.Get.Url("/health"); s.StatusCodeShouldBe(503); });
        (await health.ReadAsTextAsync()).ShouldContain("stopped publishing");
    }
}
