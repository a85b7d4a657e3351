using JasperFx.Events.Projections;
using Marten;

namespace ProjectLedger.Dashboards;

public static class DashboardsSetup
{
    public static void ConfigureDashboards(this StoreOptions opts)
    {
        opts.Projections.Add(new DashboardProjection(), ProjectionLifecycle.Async, asyncConfiguration: o =>
        {
            // Larger batches for rebuilds and catch-up: each batch rewrites the scope documents it touches once.
            o.BatchSize = 5000;
            o.DeleteViewTypeOnTeardown<DashboardExperiment>();
            o.DeleteViewTypeOnTeardown<FunnelView>();
            o.DeleteViewTypeOnTeardown<ParticipationView>();
            o.DeleteViewTypeOnTeardown<PilotCard>();
        });
        opts.RegisterDocumentType<DashboardExperiment>();
        opts.RegisterDocumentType<FunnelView>();
        opts.RegisterDocumentType<ParticipationView>();
        // The board is read per scope: by county, project or theme, overdue first.
        opts.Schema.For<PilotCard>()
            .Duplicate(c => c.County)
            .Duplicate(c => c.ProjectId!)
            .Duplicate(c => c.OnBoard)
            .Duplicate(c => c.PlannedEnd)
            .GinIndexJsonData();
    }

    /// <summary>With LEDGER_REDIS (several nodes), pushes reach clients on every node through a Redis backplane.</summary>
    public static IServiceCollection AddLedgerDashboards(this IServiceCollection services, string? redis)
    {
        var signalR = services.AddSignalR();
        if (!string.IsNullOrWhiteSpace(redis))
            signalR.AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("projectledger"));
        services.AddSingleton<DashboardPush>();
        services.ConfigureMarten((sp, opts) => opts.Projections.AsyncListeners.Add(sp.GetRequiredService<DashboardPush>()));
        return services;
    }

    public static void MapLedgerHubs(this WebApplication app)
    {
        app.MapHub<DashboardHub>(DashboardHub.Path);
    }
}
