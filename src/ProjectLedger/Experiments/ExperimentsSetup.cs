using JasperFx.Events.Projections;
using Marten;

namespace ProjectLedger.Experiments;

public static class ExperimentsSetup
{
    public static void ConfigureExperiments(this StoreOptions opts)
    {
        opts.Projections.Add<ExperimentProjection>(ProjectionLifecycle.Inline);
        // Event versioning: holds stored before review dates existed read as V2 with no review date.
        opts.Events.Upcast<ExperimentPutOnHold, ExperimentPutOnHoldV2>(old => new ExperimentPutOnHoldV2(old.Reason, null));
        // The list and the project page filter on these; themes by jsonb containment (GIN).
        opts.Schema.For<Experiment>()
            .Duplicate(x => x.County)
            .Duplicate(x => x.ProjectId!)
            .Duplicate(x => x.Stage)
            .Duplicate(x => x.LastChangedAt)
            .GinIndexJsonData();
    }
}
