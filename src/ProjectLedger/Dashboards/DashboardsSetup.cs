using JasperFx.Events.Projections;
using Marten;

namespace ProjectLedger.Dashboards;

public static class DashboardsSetup
{
    public static void ConfigureDashboards(this StoreOptions opts)
    {
        opts.Projections.Add(new DashboardProjection(), ProjectionLifecycle.Async, asyncConfiguration: o =>
        {
            o.DeleteViewTypeOnTeardown<DashboardExperiment>();
            o.DeleteViewTypeOnTeardown<FunnelView>();
            o.DeleteViewTypeOnTeardown<ParticipationView>();
            o.DeleteViewTypeOnTeardown<PilotsView>();
        });
        opts.RegisterDocumentType<DashboardExperiment>();
        opts.RegisterDocumentType<FunnelView>();
        opts.RegisterDocumentType<ParticipationView>();
        opts.RegisterDocumentType<PilotsView>();
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
