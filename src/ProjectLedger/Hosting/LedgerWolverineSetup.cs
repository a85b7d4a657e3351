using JasperFx;
using JasperFx.CodeGeneration;
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
        });
        host.ConfigureServices(services => services.AddWolverineHttp());
        return host;
    }
}
