using Marten;

namespace ProjectLedger.Experiments;

public static class ExperimentsSetup
{
    public static void ConfigureExperiments(this StoreOptions opts)
    {
    }
}
