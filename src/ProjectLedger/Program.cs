using JasperFx;
using ProjectLedger.Audit;
using ProjectLedger.Dashboards;
using ProjectLedger.Experiments;
using ProjectLedger.Hosting;
using ProjectLedger.Security;

var builder = WebApplication.CreateBuilder(args);
LedgerOptions ledger;
LogOptions log;
try
{
    ledger = LedgerOptions.From(builder.Configuration, builder.Environment);
    log = LogOptions.From(builder.Configuration, ledger.DemoMode);
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
builder.Services.AddLedgerSecurity(ledger);
builder.Services.AddLedgerMarten(ledger);
builder.Services.AddLedgerAudit(log);
builder.Services.AddLedgerExperiments();
builder.Services.AddLedgerDashboards(builder.Configuration["LEDGER_REDIS"]);
builder.Host.AddLedgerWolverine(ledger);
builder.Services.AddLedgerHealth();
builder.Services.AddLedgerOpenApi();

var app = builder.Build();

app.UseLedgerProblemDetails();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseMissingFileAsNotFound();
app.UseAuthentication();
app.UseLedgerLimits();
app.UseAuthorization();
app.MapLedgerEndpoints(ledger);

return await app.RunJasperFxCommands(args);

public partial class Program;
