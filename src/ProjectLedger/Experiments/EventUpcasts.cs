using Marten;

namespace ProjectLedger.Experiments;

/// <summary>
/// Stored shapes that changed, and how each reads as the current one. Marten applies them when it
/// loads events; readers that fold stored rows themselves (as-of) use the same functions.
/// </summary>
public static class EventUpcasts
{
    /// <summary>Holds stored before review dates existed read as V2 with no review date.</summary>
    public static ExperimentPutOnHoldV2 PutOnHold(ExperimentPutOnHold v1) => new(v1.Reason, null);

    public static readonly IReadOnlyDictionary<Type, Func<object, object>> ByStoredType = new Dictionary<Type, Func<object, object>>
    {
        [typeof(ExperimentPutOnHold)] = v1 => PutOnHold((ExperimentPutOnHold)v1),
    };

    public static void Register(StoreOptions opts)
    {
        opts.Events.Upcast<ExperimentPutOnHold, ExperimentPutOnHoldV2>(PutOnHold);
    }
}
