using System.CommandLine;
using System.Reflection;
using Marten;
using Npgsql;

namespace ProjectLedger.Hosting;

/// <summary>`describe`: what this app would run with — version, settings (secrets hidden), projections.</summary>
public sealed class DescribeCommand : LedgerCommand
{
    private static readonly string[] SecretWords = ["KEY", "SECRET", "PASSWORD", "TOKEN", "HEADERS"];

    public override Command Definition { get; } = new("describe",
        "Show the version, the settings in effect (secrets hidden) and the projections; connects to nothing");

    public override Task<int> RunAsync(ParseResult parsed, IServiceProvider services, CancellationToken ct)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var environment = services.GetRequiredService<IHostEnvironment>();
        var ledger = services.GetRequiredService<LedgerOptions>();
        var version = typeof(DescribeCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

        Console.WriteLine($"ProjectLedger {version} on .NET {Environment.Version}");
        Console.WriteLine($"  environment   {environment.EnvironmentName}");
        Console.WriteLine($"  content root  {environment.ContentRootPath}");
        Console.WriteLine($"  database      {Visible("LEDGER_DB", ledger.ConnectionString)}");
        Console.WriteLine($"  schema        {ledger.Schema}");
        Console.WriteLine($"  demo mode     {(ledger.DemoMode ? "on (demo key and demo sign-in)" : "off")}");
        Console.WriteLine($"  projections   {(ledger.MultiNode ? "distributed across nodes by Wolverine" : ledger.RunDaemon ? "run by this node" : "not run by this node")}");
        Console.WriteLine("Settings from the environment:");
        foreach (var (key, value) in configuration.AsEnumerable()
                     .Where(s => s.Value is not null && (s.Key.StartsWith("LEDGER_") || s.Key.StartsWith("OTEL_")))
                     .Where(s => !(s.Key == "LEDGER_SIGNING_KEY" && configuration[LedgerCommandLine.EphemeralSigningKey] == "1"))
                     .OrderBy(s => s.Key, StringComparer.Ordinal))
            Console.WriteLine($"  {key,-30} {Visible(key, value!)}");
        if (configuration[LedgerCommandLine.EphemeralSigningKey] == "1")
            Console.WriteLine($"  {"LEDGER_SIGNING_KEY",-30} not set (required to serve outside demo mode)");

        var store = (DocumentStore)services.GetRequiredService<IDocumentStore>();
        Console.WriteLine("Projections: " + string.Join(", ", store.Options.Projections.All.Select(p => p.Name).Order()));
        return Task.FromResult(LedgerExit.Ok);
    }

    /// <summary>A setting as it may be shown: secrets hidden, a connection string without its password.</summary>
    public static string Visible(string key, string value)
    {
        if (key is "LEDGER_DB")
        {
            try
            {
                var c = new NpgsqlConnectionStringBuilder(value);
                var hadPassword = !string.IsNullOrEmpty(c.Password);
                c.Password = null;
                return c.ConnectionString + (hadPassword ? " (password hidden)" : "");
            }
            catch (ArgumentException)
            {
                return "(hidden: not a readable connection string)";
            }
        }
        if (key is "LEDGER_REDIS") return value.Split(',')[0] + (value.Contains(',') ? " (options hidden)" : "");
        if (key.EndsWith("_FILE")) return value;
        return SecretWords.Any(w => key.Contains(w, StringComparison.OrdinalIgnoreCase)) ? "(set, hidden)" : value;
    }
}
