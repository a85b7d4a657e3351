using Marten;

namespace ProjectLedger.Visits;

public static class VisitsSetup
{
    public static void ConfigureVisits(this StoreOptions opts) => opts.RegisterDocumentType<LastVisit>();
}
