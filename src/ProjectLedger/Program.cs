using ProjectLedger.Audit;
using ProjectLedger.Dashboards;
using ProjectLedger.Experiments;
using ProjectLedger.Hosting;
using ProjectLedger.Security;

var commandLine = LedgerCommandLine.Parse(args);
if (commandLine.Finished is { } answered) return answered;

var builder = WebApplication.CreateBuilder(commandLine.HostArgs);
LedgerOptions ledger;
LogOptions log;
try
{
    commandLine.Configure(builder);
    ledger = LedgerOptions.From(builder.Configuration, builder.Environment);
    log = LogOptions.From(builder.Configuration, ledger.DemoMode, required: commandLine.Serves);
}
catch (LedgerConfigurationException e)
{
    Console.Error.WriteLine("ProjectLedger cannot start: " + e.Message);
    return 2;
}
builder.Services.AddSingleton(ledger);

builder.AddLedgerLogging();
builder.AddLedgerLimits();
builder.Services.AddLedgerProblemDetails();
builder.Services.AddLedgerSecurity(ledger, builder.Configuration);
builder.Services.AddLedgerSecurityHeaders(builder.Configuration);
builder.Services.AddLedgerMarten(ledger);
builder.Services.AddLedgerAudit(log);
builder.Services.AddLedgerExperiments();
builder.Services.AddLedgerDashboards(builder.Configuration["LEDGER_REDIS"], DashboardSnapshotKeeper.Wanted(ledger, builder.Configuration));
builder.Host.AddLedgerWolverine(ledger);
builder.Services.AddLedgerHealth();
builder.Services.AddLedgerOpenApi();
builder.Services.AddLedgerStaticFiles();
builder.AddLedgerTelemetry();
// Last, so it runs once the schema is in place and just before the node starts listening.
if (commandLine.Serves) builder.Services.AddHostedService<LedgerWarmUp>();

var app = builder.Build();

app.UseLedgerSecurityHeaders(ledger);
app.UseLedgerProblemDetails();
app.UseLedgerStaticFiles();
app.UseMissingFileAsNotFound();
app.UseAuthentication();
app.UseLedgerCsrfGuard();
app.UseLedgerLimits();
app.UseAuthorization();
app.MapLedgerEndpoints(ledger);

return await commandLine.RunAsync(app);

public partial class Program;
