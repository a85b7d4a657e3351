using JasperFx;
using ProjectLedger.Audit;
using ProjectLedger.Dashboards;
using ProjectLedger.Experiments;
using ProjectLedger.Hosting;
using ProjectLedger.Security;

// `describe` lists every configuration source: it may show that a secret is set, never the secret.
var secrets = args.FirstOrDefault() == "describe" ? LedgerOptions.TakeSecretsFromEnvironment() : [];
var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddInMemoryCollection(secrets.Keys.Select(k => KeyValuePair.Create(k, (string?)"(set; not shown)")));
IConfiguration settings = secrets.Count == 0 ? builder.Configuration
    : new ConfigurationBuilder().AddConfiguration(builder.Configuration).AddInMemoryCollection(secrets!).Build();
LedgerOptions ledger;
try
{
    ledger = LedgerOptions.From(settings, builder.Environment);
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
builder.Services.AddLedgerSecurity(ledger, settings);
builder.Services.AddLedgerSecurityHeaders(settings);
builder.Services.AddLedgerMarten(ledger);
builder.Services.AddLedgerAudit();
builder.Services.AddLedgerExperiments();
builder.Services.AddLedgerDashboards(settings["LEDGER_REDIS"]);
builder.Host.AddLedgerWolverine(ledger);
builder.Services.AddLedgerHealth();
builder.Services.AddLedgerOpenApi();

var app = builder.Build();

app.UseLedgerSecurityHeaders(ledger);
app.UseLedgerProblemDetails();
app.UseLedgerUiPage();
app.UseStaticFiles();
app.UseMissingFileAsNotFound();
app.UseAuthentication();
app.UseLedgerCsrfGuard();
app.UseLedgerLimits();
app.UseAuthorization();
app.MapLedgerEndpoints(ledger);

return await app.RunJasperFxCommands(args);

public partial class Program;
