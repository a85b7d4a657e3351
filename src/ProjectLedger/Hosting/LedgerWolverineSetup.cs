using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.Core;
using Wolverine;
using Wolverine.Http;

namespace ProjectLedger.Hosting;

public static class LedgerWolverineSetup
{
    public static IHostBuilder AddLedgerWolverine(this IHostBuilder host, LedgerOptions ledger)
    {
        host.UseWolverine(opts =>
        {
            opts.ApplicationAssembly = typeof(LedgerWolverineSetup).Assembly;
            opts.CodeGeneration.TypeLoadMode = TypeLoadMode.Static;
            opts.Durability.Mode = ledger.MultiNode ? DurabilityMode.Balanced : DurabilityMode.Solo;
            // Like Marten's, the message tables change only through db-apply or a node told to (LEDGER_APPLY_SCHEMA).
            opts.AutoBuildMessageStorageOnStartup = ledger.ApplySchema ? AutoCreate.CreateOrUpdate : AutoCreate.None;
            if (ledger.MultiNode) DetectLostNodesSooner(opts.Durability);
        });
        host.ConfigureServices(services => services.AddWolverineHttp());
        return host;
    }

    /// <summary>
    /// Wolverine's defaults (heartbeat every 10 s, a node stale after 60 s, ejected on the second
    /// stale observation) leave the dashboards without a projection for 70–90 s after the node
    /// running it dies. Here: heartbeats every 3 s, stale after 20 s, so another node takes the
    /// projection over in about 30 s. Heartbeats run on their own timer (Wolverine 6.23+), so a busy
    /// node still beats; one wrongly ejected re-registers itself.
    /// </summary>
    private static void DetectLostNodesSooner(DurabilitySettings durability)
    {
        durability.FirstHealthCheckExecution = 1.Seconds();
        durability.HealthCheckPollingTime = 3.Seconds();
        durability.StaleNodeTimeout = 20.Seconds();
        durability.CheckAssignmentPeriod = 10.Seconds();
    }
}
