using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using Marten;
using Npgsql;
using ProjectLedger.Audit;
using ProjectLedger.Dashboards;
using ProjectLedger.Experiments;
using ProjectLedger.Projects;
using ProjectLedger.Visits;
using Weasel.Core;
using Wolverine.Marten;

namespace ProjectLedger.Hosting;

public static class LedgerMartenSetup
{
    public static IServiceCollection AddLedgerMarten(this IServiceCollection services, LedgerOptions ledger)
    {
        services.AddSingleton(_ => BuildDataSource(ledger.ConnectionString));
        services.AddSingleton<ProjectLedger.Streams.LedgerTables>();

        var marten = services.AddMarten(opts =>
            {
                ConfigureStore(opts, ledger.Schema);
                // Without LEDGER_APPLY_SCHEMA no table is created or altered on first use either (db-apply does it).
                if (!ledger.ApplySchema) opts.AutoCreateSchemaObjects = AutoCreate.None;
            })
            .UseNpgsqlDataSource()
            .UseLightweightSessions()
            .IntegrateWithWolverine(m =>
            {
                m.MessageStorageSchemaName = ledger.Schema + "_wolverine";
                // Several nodes: Wolverine assigns projection shards with its own leader election.
                // Marten's HotCold mode cannot take its advisory lock here (see ../shared/dependencies.md).
                m.UseWolverineManagedEventSubscriptionDistribution = ledger.MultiNode;
            });

        if (ledger.RunDaemon && !ledger.MultiNode)
            marten.AddAsyncDaemon(DaemonMode.Solo);
        services.ConfigureMarten((sp, opts) => opts.Projections.Wakeup = new PacedDaemonWakeup(
            sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger<PacedDaemonWakeup>()));

        return services;
    }

    /// <summary>
    /// The connection pool, shared with ops/bench's twins: connections go back to the pool without a
    /// DISCARD ALL round trip (ProjectLedger keeps no session state on a connection), and the hot
    /// statements (append, snapshot upsert, loads) are prepared once per connection.
    /// </summary>
    public static NpgsqlDataSource BuildDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.NoResetOnClose = true;
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0) builder.ConnectionStringBuilder.MaxAutoPrepare = 50;
        return builder.Build();
    }

    /// <summary>The schema, serializer, event store and features: shared with tools that open the same store (ops/bench).</summary>
    public static void ConfigureStore(StoreOptions opts, string schema)
    {
        opts.DatabaseSchemaName = schema;
        opts.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
        ConfigureEvents(opts);
        opts.Storage.Add(new AuditSchemaFeature(opts));
        opts.ConfigureProjects();
        opts.ConfigureExperiments();
        opts.ConfigureDashboards();
        opts.ConfigureVisits();
        Security.SharedKeyRing.Configure(opts);
    }

    private static void ConfigureEvents(StoreOptions opts)
    {
        opts.Events.StreamIdentity = StreamIdentity.AsGuid;
        opts.Events.MetadataConfig.CorrelationIdEnabled = true;
        opts.Events.MetadataConfig.CausationIdEnabled = true;
        opts.Events.MetadataConfig.HeadersEnabled = true;
        opts.Events.MetadataConfig.UserNameEnabled = true;
        // Wake the async daemon on append instead of waiting for its next poll (PacedDaemonWakeup listens).
        opts.Listeners.Add(new AppendNotice());
        opts.Events.AddEventTypes(LedgerEventTypes.Current);
    }
}
