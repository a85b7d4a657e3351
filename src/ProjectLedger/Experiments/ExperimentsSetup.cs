using JasperFx.Events.Projections;
using Marten;

namespace ProjectLedger.Experiments;

public static class ExperimentsSetup
{
    public static IServiceCollection AddLedgerExperiments(this IServiceCollection services) =>
        services.AddSingleton<ExperimentEventRows>().AddSingleton<ExperimentAsOf>();

    public static void ConfigureExperiments(this StoreOptions opts)
    {
        opts.Projections.Add<ExperimentProjection>(ProjectionLifecycle.Inline);
        EventUpcasts.Register(opts);
        // The list and the project page filter on these; themes by jsonb containment (GIN).
        opts.Schema.For<Experiment>()
            .Duplicate(x => x.County)
            .Duplicate(x => x.ProjectId!)
            .Duplicate(x => x.Stage)
            .Duplicate(x => x.LastChangedAt)
            .GinIndexJsonData();
    }
}
