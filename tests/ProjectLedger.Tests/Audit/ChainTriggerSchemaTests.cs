using Npgsql;
using ProjectLedger.Tests.Infrastructure;
using ProjectLedger.Tests.Processes;
using Shouldly;

namespace ProjectLedger.Tests.Audit;

/// <summary>
/// The hash-chain trigger is one of Marten's schema objects. Weasel drops a function it sees as
/// changed with CASCADE, which took the trigger along at every second apply (a restart or db-apply
/// left mt_events unchained): applying the schema again and again must keep it.
/// </summary>
public class ChainTriggerSchemaTests
{
    [Fact]
    public async Task applying_the_schema_again_and_again_keeps_the_chain_trigger()
    {
        var schema = "trg_" + Guid.NewGuid().ToString("N")[..10];
        var env = AppCommand.OnTestDatabase(schema);
        for (var i = 1; i <= 3; i++)
        {
            var apply = await AppCommand.Run(env, "db-apply");
            apply.ExitCode.ShouldBe(0, apply.ToString());
            (await Triggers(schema)).ShouldBe(["ledger_chain_event"], $"after db-apply number {i}");
        }
    }

    private static async Task<List<string>> Triggers(string schema)
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select t.tgname from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace " +
            "where n.nspname = @schema and c.relname = 'mt_events' and not t.tgisinternal", connection);
        command.Parameters.AddWithValue("schema", schema);
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        return names;
    }
}
