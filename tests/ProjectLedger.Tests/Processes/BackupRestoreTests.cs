using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Npgsql;
using ProjectLedger.Tests.Faults;
using ProjectLedger.Tests.Infrastructure;
using Shouldly;

namespace ProjectLedger.Tests.Processes;

/// <summary>
/// ops/backup and ops/restore as an operator runs them: a ledger written by the app (demo data and
/// commands over HTTP, dashboards projected by its daemon) is dumped, restored into a fresh
/// cluster, and there the audit says intact, the dashboards equal a rebuild, and appends go on chained.
/// </summary>
[Trait("Category", "Process")]
[Trait("Category", "Slow")]
public sealed class BackupRestoreTests
{
    [Fact]
    public async Task a_backup_restored_into_a_fresh_cluster_is_intact_and_its_dashboards_equal_a_rebuild()
    {
        var schema = "bk_" + Guid.NewGuid().ToString("N")[..10];
                await using (var app = await AppProcess.Start(new Dictionary<string, string?> { ["LEDGER_SCHEMA"] = schema }))
        {
            await Propose(app, "helsinki", "jatkuvuus", count: 6);
            await Propose(app, "vantaa-kerava", "varmuus", count: 4);
            await FaultLedger.WaitForProjections(TestDatabase.ConnectionString, schema, TimeSpan.FromSeconds(30));
        }
        var original = await FaultLedger.Events(TestDatabase.ConnectionString, schema);
        var originalDashboards = await FaultLedger.Dashboards(TestDatabase.ConnectionString, schema);

        var folder = Directory.CreateTempSubdirectory("ledger-backup").FullName;
        var file = Path.Combine(folder, "ledger.dump");
        var backup = await Ops("backup", new() { ["LEDGER_DB"] = TestDatabase.ConnectionString, ["LEDGER_SCHEMA"] = schema }, file);
        backup.ExitCode.ShouldBe(0, backup.Output);
        File.Exists(file + ".sha256").ShouldBeTrue();

        var cluster = new OwnCluster("restore-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var fresh = await cluster.Start();
            var target = new Dictionary<string, string?> { ["LEDGER_DB"] = fresh, ["LEDGER_SCHEMA"] = schema };
            var restore = await Ops("restore", target, file);
            restore.ExitCode.ShouldBe(0, restore.Output);
            restore.Output.ShouldContain($"restored {original.Count} events");

            (await FaultLedger.Events(fresh, schema)).ShouldBe(original);
            (await FaultLedger.Dashboards(fresh, schema)).ShouldBe(originalDashboards);
            var audit = await AppCommand.Run(new Dictionary<string, string?>(target) { ["LEDGER_DEMO"] = "1" }, "audit");
            audit.ExitCode.ShouldBe(0, audit.ToString());
            audit.Stdout.ShouldContain($"{original.Count} events");
            audit.Stdout.ShouldContain("0 broken");
            await FaultLedger.ShouldEqualARebuild(fresh, schema);

            // A second restore over it is refused unless asked for; new appends are chained by the restored trigger.
            var again = await Ops("restore", target, file);
            again.ExitCode.ShouldBe(2, again.Output);
            again.Output.ShouldContain("--replace");
            var more = new Dictionary<string, string?>(target) { ["LEDGER_DEMO"] = "1" };
            await using (var restored = await AppProcess.Start(new Dictionary<string, string?> { ["LEDGER_DB"] = fresh, ["LEDGER_SCHEMA"] = schema }))
                await Propose(restored, "helsinki", "palautettu", count: 2);
            var afterAppends = await AppCommand.Run(more, "audit");
            afterAppends.ExitCode.ShouldBe(0, afterAppends.ToString());
            afterAppends.Stdout.ShouldContain("0 broken");
            await using var connection = new NpgsqlConnection(fresh);
            await connection.OpenAsync();
            await using var unhashed = new NpgsqlCommand($"select count(*) from {schema}.mt_events where headers->>'hash' is null", connection);
            ((long)(await unhashed.ExecuteScalarAsync())!).ShouldBe(0);
        }
        finally
        {
            await cluster.Destroy();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task Propose(AppProcess app, string county, string theme, int count)
    {
        using var office = app.Client("projectOffice", county);
        for (var i = 0; i < count; i++)
        {
            var created = await office.PostAsJsonAsync("/api/experiments", new
            {
                title = $"Varmuuskopiotesti {i}", problem = "Palautus on kokeiltava ennen kuin sitä tarvitaan.", county,
                themes = new[] { theme }, proposedByRole = "tietohallinto",
            });
            created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        }
    }

    private static async Task<(int ExitCode, string Output)> Ops(string script, Dictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppProcess.RepositoryRoot(), "ops", script));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
