using System.Net.Http.Json;
using Microsoft.Extensions.Configuration;
using ProjectLedger.Hosting;
using ProjectLedger.Tests.Infrastructure;
using ProjectLedger.Tests.Processes;
using Shouldly;

namespace ProjectLedger.Tests.Platform;

/// <summary>A node changes the schema only when told to (LEDGER_APPLY_SCHEMA, on by default only in demo mode); otherwise it refuses a database that does not match.</summary>
public sealed class SchemaApplyTests
{
    private const string RealKey = "a-real-signing-key-of-thirty-two-bytes-or-more";

    private static LedgerOptions Options(params (string Key, string? Value)[] settings)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
        return LedgerOptions.From(config, new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Production" });
    }

    [Fact]
    public void only_demo_mode_applies_the_schema_unless_told()
    {
        Options(("LEDGER_SIGNING_KEY", RealKey)).ApplySchema.ShouldBeFalse();
        Options(("LEDGER_SIGNING_KEY", RealKey), ("LEDGER_APPLY_SCHEMA", "1")).ApplySchema.ShouldBeTrue();
        Options(("LEDGER_DEMO", "1")).ApplySchema.ShouldBeTrue();
        Options(("LEDGER_DEMO", "1"), ("LEDGER_APPLY_SCHEMA", "0")).ApplySchema.ShouldBeFalse();
    }

    [Fact]
    public async Task a_node_that_does_not_apply_the_schema_refuses_to_start_on_an_empty_one_and_says_to_run_db_apply()
    {
        var schema = "t_noapply_" + Guid.NewGuid().ToString("N")[..8];
        var env = AppCommand.OnTestDatabase(schema);
        env["LEDGER_APPLY_SCHEMA"] = "0";
        env["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        var run = await AppCommand.Run(env, "run");
        run.ExitCode.ShouldNotBe(0, run.ToString());
        run.All.ShouldContain("db-apply", customMessage: run.ToString());
        run.All.ShouldContain(schema, customMessage: run.ToString());
    }

    [Fact]
    public async Task db_apply_prepares_marten_and_wolverine_tables_and_then_a_node_that_does_not_apply_the_schema_serves()
    {
        var schema = "t_applied_" + Guid.NewGuid().ToString("N")[..8];
        var env = AppCommand.OnTestDatabase(schema);
        env["LEDGER_APPLY_SCHEMA"] = "0";
        var apply = await AppCommand.Run(env, "db-apply");
        apply.ExitCode.ShouldBe(0, apply.ToString());
        (await TableCount(schema)).ShouldBeGreaterThan(0);
        (await TableCount(schema + "_wolverine")).ShouldBeGreaterThan(0, "db-apply makes Wolverine's message tables too");

        await using var node = await AppProcess.Start(new Dictionary<string, string?> { ["LEDGER_SCHEMA"] = schema, ["LEDGER_APPLY_SCHEMA"] = "0" });
        using var office = node.Client("projectOffice", "kainuu");
        var created = await office.PostAsJsonAsync("/api/experiments", new
        {
            title = "Etäkuntoutus", problem = "Pitkät matkat.", county = "kainuu", themes = new[] { "etäpalvelut" }, proposedByRole = "fysioterapeutti",
        });
        created.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
    }

    private static async Task<long> TableCount(string schema)
    {
        await using var connection = new Npgsql.NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("select count(*) from information_schema.tables where table_schema = @schema", connection);
        command.Parameters.AddWithValue("schema", schema);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
