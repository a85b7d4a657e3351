using System.Diagnostics;
using Npgsql;

namespace ProjectLedger.Bench;

/// <summary>
/// ops/bench's runner: every scenario next to its twin, in one run, on this machine. Prints a table,
/// `bench name: value unit` and `ratio name: value` lines, and writes JSON under .ledger/bench/.
/// Usage (ops/bench does this): LEDGER_DB=... BENCH_APP_DLL=... ProjectLedger.Bench [--quick] [--only a,b] (scenarios: page, command, push, soak, tlog, bulk, rebuild, reads, asof, export, startup)
/// </summary>
public static class BenchMain
{
    public static async Task<int> Main(string[] args)
    {
        var env = BenchEnv.From(args);
        var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault()?.Split(',').ToHashSet();
        bool On(string scenario) => only is null || only.Contains(scenario);
        var results = new Results();
        var total = Stopwatch.StartNew();
        results.Size("quick", env.Quick);
        // The machine is shared: its load says how far absolute figures can be trusted (ratios are run side by side).
        results.Size("load_average_at_start", LoadAverage());
        Log.Say($"{(env.Quick ? "quick" : "full")} run; postmaster pid {env.PostmasterPid?.ToString() ?? "unknown (no PostgreSQL CPU)"}");

        await using var data = ProjectLedger.Hosting.LedgerMartenSetup.BuildDataSource(env.Db);
        using var store0 = LedgerStore.Create(env.Db, "bench_cmd");
        var rows = new EventRows(store0);

        try
        {
            if (On("command") || On("push") || On("page"))
            {
                await using var app = await AppProcess.Start(env, "bench_cmd");
                if (On("page")) await new PageScenarios(results, app).Run();
                var commands = new CommandScenarios(env, results, data, rows, app);
                if (On("command")) await commands.Run();
                if (On("push")) await commands.Push();
            }
            if (On("soak"))
            {
                await new SoakScenario(env, results).Run();
            }
            if (On("startup"))
            {
                await new StartupScenarios(env, results).Run();
            }
            if (On("tlog"))
            {
                await new LogScenarios(env, results, data, rows).Run();
            }
            if (On("bulk") || On("rebuild") || On("reads") || On("asof") || On("export") || On("portfolio"))
            {
                var big = new DataScenarios(env, results, data, rows);
                await big.Run(On);
            }
        }
        catch (Exception e)
        {
            results.Note("the run stopped early: " + e.GetType().Name + ": " + e.Message);
            Console.Error.WriteLine(e);
            results.PrintTable();
            results.Write(env.OutDir, env.Quick, total.Elapsed.TotalSeconds);
            return 1;
        }

        results.Timing("total", total.Elapsed.TotalSeconds);
        results.Size("load_average_at_end", LoadAverage());
        results.Note($"load average (1, 5, 15 min) at start {results.SizeOf("load_average_at_start")}, at end {LoadAverage()}, on {Environment.ProcessorCount} cores");
        results.PrintTable();
        var path = results.Write(env.OutDir, env.Quick, total.Elapsed.TotalSeconds);
        Console.WriteLine($"results written to {path}");
        return 0;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
