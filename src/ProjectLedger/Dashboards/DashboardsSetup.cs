using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ProjectLedger.Security;
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
            o.DeleteViewTypeOnTeardown<PilotsSummary>();
        });
        opts.RegisterDocumentType<DashboardExperiment>();
        opts.RegisterDocumentType<FunnelView>();
        opts.RegisterDocumentType<ParticipationView>();
        opts.RegisterDocumentType<PilotsSummary>();
        // As of a moment: a scope's latest dated snapshot by then, and the events since (by time).
        opts.Schema.For<DashboardSnapshot>()
            .Duplicate(s => s.Scope)
            .Duplicate(s => s.Before)
            .Index([s => s.Scope, s => s.Before], i => i.Name = "mt_doc_dashboardsnapshot_idx_scope_before");
        opts.RegisterDocumentType<DashboardSnapshotMark>();
        opts.Storage.Add(new EventTimeIndexFeature(opts));
        opts.Events.IgnoreIndex(EventTimeIndexFeature.Name);
        // The board is read per scope: by county, project or theme, overdue first.
        // Partial indexes over the cards on the board only, in the board's order, so the first page of
        // a scope is an index range whatever the number of pilots that ever ran.
        opts.Schema.For<PilotCard>()
            .Duplicate(c => c.OnBoard)
            .Duplicate(c => c.PlannedEnd, configure: i => i.Predicate = "on_board")
            .Duplicate(c => c.County, configure: i => i.Predicate = "on_board")
            .Duplicate(c => c.ProjectId!, configure: i => i.Predicate = "on_board")
            .Index([c => c.County, c => c.PlannedEnd], i => { i.Predicate = "on_board"; i.Name = "mt_doc_pilotcard_idx_county_board"; })
            .Index([c => c.ProjectId!, c => c.PlannedEnd], i => { i.Predicate = "on_board"; i.Name = "mt_doc_pilotcard_idx_project_board"; })
            .GinIndexJsonData();
    }

    /// <summary>With LEDGER_REDIS (several nodes), pushes reach clients on every node through a Redis backplane.</summary>
    public static IServiceCollection AddLedgerDashboards(this IServiceCollection services, string? redis, bool keepSnapshots)
    {
        services.AddSingleton<DashboardSnapshots>();
        if (keepSnapshots) services.AddHostedService<DashboardSnapshotKeeper>();
        // Every call re-checks the session: a connection never outlives the token or cookie it opened with.
        var signalR = services.AddSignalR(o => o.AddFilter<SessionExpiryFilter>());
        if (!string.IsNullOrWhiteSpace(redis))
            signalR.AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("projectledger"));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DashboardPush>();
        services.AddSingleton<ProjectionLag>();
        services.AddHealthChecks().AddCheck<ProjectionLag>("projections");
        services.AddSingleton<DashboardCache>();
        services.ConfigureMarten((sp, opts) => opts.Projections.AsyncListeners.Add(sp.GetRequiredService<DashboardPush>()));
        return services;
    }

    public static void MapLedgerHubs(this WebApplication app)
    {
        // The connection is closed when its token or session expires; the UI reconnects and signs in again.
        app.MapHub<DashboardHub>(DashboardHub.Path, o => o.CloseOnAuthenticationExpiration = true);
    }
}
