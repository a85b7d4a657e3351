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
        });
        host.ConfigureServices(services => services.AddWolverineHttp());
        return host;
    }
}
