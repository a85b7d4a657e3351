using JasperFx.Events;
using Marten.Events.Aggregation;
using ProjectLedger.OperatingModels;

namespace ProjectLedger.Experiments;

/// <summary>Keeps each experiment's state inline (Experiment.Evolve) so reads and writes never replay.</summary>
public sealed class ExperimentProjection : SingleStreamProjection<Experiment, Guid>
{
    // Declared so Marten applies it to experiment streams only (an explicit Evolve names no event types).
    public ExperimentProjection()
    {
        foreach (var type in LedgerEventTypes.Experiment) IncludeType(type);
    }

    public override Experiment? Evolve(Experiment? state, Guid id, IEvent e) => Experiment.Evolve(state, id, e.Data, e.Version, e.Timestamp);
}
