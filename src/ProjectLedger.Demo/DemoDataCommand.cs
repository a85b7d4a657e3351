using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Marten;
using ProjectLedger.Audit;
using ProjectLedger.Hosting;

namespace ProjectLedger.Demo;

/// <summary>`demo-data [--seed N] [--experiments N] [--if-empty]`: loads the demo data once per seed.</summary>
public sealed class DemoDataCommand : LedgerCommand
{
    private readonly Option<int> _seed = new("--seed")
    {
        Description = "Seed for the generator: the same seed gives the same data",
        DefaultValueFactory = _ => 2026,
    };
    private readonly Option<int> _experiments = new("--experiments")
    {
        Description = "How many experiments in all, the real stories included",
        DefaultValueFactory = _ => 300,
    };
    private readonly Option<bool> _ifEmpty = new("--if-empty")
    {
        Description = "Load nothing when the database already holds any event (what ops/run does, so what a user typed is kept)",
    };

    public DemoDataCommand()
    {
        _experiments.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1) r.AddError("--experiments must be at least 1");
        });
        Definition = new Command("demo-data", "Load the demo data: projects and a few hundred experiments across all 22 counties")
        {
            _seed, _experiments, _ifEmpty,
        };
    }

    public override Command Definition { get; }

    public override async Task<int> RunAsync(ParseResult parsed, IServiceProvider services, CancellationToken ct)
    {
        var seed = parsed.GetValue(_seed);
        var experiments = parsed.GetValue(_experiments);
        // The schema and the audit hash-chain trigger first, as at start-up, so every demo event is chained.
        await services.GetRequiredService<LedgerSchema>().EnsureAsync(ct);
        var store = services.GetRequiredService<IDocumentStore>();
        if (parsed.GetValue(_ifEmpty))
        {
            await using var query = store.QuerySession();
            if (await query.Events.QueryAllRawEvents().AnyAsync(ct))
            {
                Console.WriteLine("The database already holds events; no demo data was added (ops/run --fresh starts over).");
                return LedgerExit.Ok;
            }
        }

        var summary = await LedgerProgress.RunAsync(async progress =>
        {
            var bar = progress.AddBar("Loading demo experiments", experiments);
            var loaded = await DemoData.LoadAsync(store, seed, experiments, ct, new Progress<int>(stored => bar.Value = stored));
            bar.Value = bar.MaxValue;
            bar.StopTask();
            return loaded;
        });
        if (summary.AlreadyLoaded)
        {
            Console.WriteLine($"The demo data for seed {seed} is already loaded; nothing was added.");
            return LedgerExit.Ok;
        }

        Console.WriteLine($"Loaded the demo data (seed {seed}) in {summary.Elapsed.TotalSeconds:0.0} s:");
        Console.WriteLine($"  projects     {summary.Projects}");
        Console.WriteLine($"  experiments  {summary.Experiments}");
        Console.WriteLine($"  events       {summary.Events}");
        Console.WriteLine("  per stage    " + string.Join(", ", summary.PerStage.Select(s => $"{s.Key} {s.Value}")));
        Console.WriteLine("  per county   " + string.Join(", ", summary.PerCounty.Select(c => $"{c.Key} {c.Value}")));
        return LedgerExit.Ok;
    }
}
