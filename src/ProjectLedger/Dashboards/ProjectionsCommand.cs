using System.CommandLine;
using Marten;
using Npgsql;
using ProjectLedger.Audit;
using ProjectLedger.Hosting;

using ProjectLedger.Streams;

namespace ProjectLedger.Dashboards;

/// <summary>
/// `projections list` and `projections rebuild [--projection NAME]`: a projection's documents are
/// deleted and every event is replayed, with a progress bar per projection. Stop the app nodes'
/// daemons (or accept a short race) while a rebuild runs. With LEDGER_REDIS set, the rebuilt
/// dashboards are pushed to the nodes' watchers through the backplane.
/// </summary>
public sealed class ProjectionsCommand : LedgerCommand
{
    private static readonly TimeSpan ShardTimeout = TimeSpan.FromMinutes(10);

    private readonly Option<string?> _projection = new("--projection", "-p")
    {
        Description = "Only this projection (see `projections list`); all of them when left out",
    };
    private readonly Command _list = new("list", "List the projections and how far each has read the event log");
    private readonly Command _rebuild = new("rebuild", "Rebuild projections from the whole event log");

    public ProjectionsCommand()
    {
        _rebuild.Options.Add(_projection);
        Definition = new Command("projections", "List or rebuild the projections (the dashboards, experiment and project views)")
        {
            _list, _rebuild,
        };
    }

    public override Command Definition { get; }

    public override async Task<int> RunAsync(ParseResult parsed, IServiceProvider services, CancellationToken ct)
    {
        var store = (DocumentStore)services.GetRequiredService<IDocumentStore>();
        var projections = store.Options.Projections.All.OrderBy(p => p.Name).ToArray();
        var names = projections.Select(p => p.Name).ToArray();
        var chosen = parsed.GetValue(_projection);
        if (chosen is not null && !names.Contains(chosen))
            throw new CommandFailure($"there is no projection named '{chosen}'. Projections: {string.Join(", ", names)}", LedgerExit.Usage);

        await services.GetRequiredService<LedgerSchema>().EnsureAsync(ct);
        var tables = services.GetRequiredService<LedgerTables>();
        var progression = new Progression(services.GetRequiredService<NpgsqlDataSource>(), tables.Schema);
        var head = await tables.EventLogHeadAsync(ct);

        if (parsed.CommandResult.Command == _list)
        {
            foreach (var projection in projections)
                Console.WriteLine(projection.Lifecycle == JasperFx.Events.Projections.ProjectionLifecycle.Inline
                    ? $"{projection.Name,-24} inline: written with every append"
                    : $"{projection.Name,-24} {projection.Lifecycle.ToString().ToLowerInvariant()}: at event {await progression.OfAsync(projection.Name, ct)} of {head}");
            return LedgerExit.Ok;
        }

        var selected = chosen is null ? names : [chosen];
        using var daemon = await store.BuildProjectionDaemonAsync();
        await LedgerProgress.RunAsync(async progress =>
        {
            foreach (var name in selected)
            {
                var bar = progress.AddBar($"Rebuilding {name}", head);
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var rebuild = daemon.RebuildProjectionAsync(name, ShardTimeout, ct);
                while (await Task.WhenAny(rebuild, Task.Delay(250, ct)) != rebuild)
                    bar.Value = Math.Min(head, await progression.OfAsync(name, ct));
                await rebuild;
                // With LEDGER_REDIS the nodes' watchers get the rebuilt figures (the replay pushed nothing); without it
                // this process has no watchers to push to.
                if (name == nameof(DashboardProjection) && !string.IsNullOrWhiteSpace(services.GetRequiredService<IConfiguration>()["LEDGER_REDIS"]))
                    await services.GetRequiredService<DashboardPush>().PushAllAsync(store, ct);
                bar.Value = bar.MaxValue;
                bar.StopTask();
                Console.WriteLine($"Finished rebuilding {name} in {clock.ElapsedMilliseconds} ms ({head} events)");
            }
            return true;
        });
        return LedgerExit.Ok;
    }

    /// <summary>Each projection's committed position, from mt_event_progression.</summary>
    private sealed class Progression(NpgsqlDataSource dataSource, string schema)
    {
        public async Task<long> OfAsync(string projection, CancellationToken ct)
        {
            await using var command = dataSource.CreateCommand(
                $"select coalesce(min(last_seq_id), 0) from {schema}.mt_event_progression where name like $1");
            command.Parameters.AddWithValue(projection + ":%");
            return (long)(await command.ExecuteScalarAsync(ct))!;
        }
    }
}
