using JasperFx.CommandLine;
using Marten;
using ProjectLedger.Audit;

namespace ProjectLedger.Demo;

public class DemoDataInput : NetCoreInput
{
    [Description("Seed for the generator: the same seed gives the same data")]
    [FlagAlias("seed")]
    public int SeedFlag { get; set; } = 2026;

    [Description("How many experiments in all, the real stories included")]
    [FlagAlias("experiments")]
    public int ExperimentsFlag { get; set; } = 300;

    [Description("Load nothing when the database already holds any event (what ops/run does, so what a user typed is kept)")]
    [FlagAlias("if-empty")]
    public bool IfEmptyFlag { get; set; }
}

[Description("Loads the demo data: projects and a few hundred experiments across all 22 counties", Name = "demo-data")]
public class DemoDataCommand : JasperFxAsyncCommand<DemoDataInput>
{
    public override async Task<bool> Execute(DemoDataInput input)
    {
        using var host = input.BuildHost();
        // The schema and the audit hash-chain trigger first, as at start-up, so every demo event is chained.
        await host.Services.GetRequiredService<LedgerSchema>().EnsureAsync(CancellationToken.None);
        var store = host.Services.GetRequiredService<IDocumentStore>();
        if (input.IfEmptyFlag)
        {
            await using var query = store.QuerySession();
            if (await query.Events.QueryAllRawEvents().AnyAsync())
            {
                Console.WriteLine("The database already holds events; no demo data was added (ops/run --fresh starts over).");
                return true;
            }
        }

        var summary = await DemoData.LoadAsync(store, input.SeedFlag, input.ExperimentsFlag, CancellationToken.None);
        if (summary.AlreadyLoaded)
        {
            Console.WriteLine($"The demo data for seed {input.SeedFlag} is already loaded; nothing was added.");
            return true;
        }

        Console.WriteLine($"Loaded the demo data (seed {input.SeedFlag}) in {summary.Elapsed.TotalSeconds:0.0} s:");
        Console.WriteLine($"  projects     {summary.Projects}");
        Console.WriteLine($"  experiments  {summary.Experiments}");
        Console.WriteLine($"  events       {summary.Events}");
        Console.WriteLine("  per stage    " + string.Join(", ", summary.PerStage.Select(s => $"{s.Key} {s.Value}")));
        Console.WriteLine("  per county   " + string.Join(", ", summary.PerCounty.Select(c => $"{c.Key} {c.Value}")));
        return true;
    }
}
