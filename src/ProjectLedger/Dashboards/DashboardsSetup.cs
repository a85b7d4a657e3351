using Marten;

namespace ProjectLedger.Dashboards;

public static class DashboardsSetup
{
    public static void ConfigureDashboards(this StoreOptions opts)
    {
    }

    public static void MapLedgerHubs(this WebApplication app)
    {
    }
}
