using System.Diagnostics;
using ProjectLedger.Tests.Infrastructure;

namespace ProjectLedger.Tests.Processes;

/// <summary>What one run of the app's command line left behind.</summary>
public sealed record CommandOutcome(int ExitCode, string Stdout, string Stderr)
{
    public string All => Stdout + Stderr;
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>
/// Runs `dotnet ProjectLedger.dll ARGS` as an operator would, with only the environment given
/// (no inherited LEDGER_* or OTEL_* variables), and waits for it to exit.
/// </summary>
public static class AppCommand
{
    /// <summary>A database nothing listens on: for help, usage and unreachable-database cases.</summary>
    public const string Unreachable = "Host=127.0.0.1;Port=1;Database=ledger;Username=postgres;Timeout=3";

    public static async Task<CommandOutcome> Run(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ProjectLedger.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var inherited in start.Environment.Keys
                     .Where(k => k.StartsWith("LEDGER_", StringComparison.Ordinal) || k.StartsWith("OTEL_", StringComparison.Ordinal)
                                 || k.StartsWith("Logging__", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal))
                     .ToList())
            start.Environment.Remove(inherited);
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment) start.Environment[key] = value;

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{string.Join(' ', args)}` did not finish within 120 s: {await stdout}{await stderr}");
        }
        return new CommandOutcome(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The environment of a demo-mode app on the test database, in a schema of its own.</summary>
    public static Dictionary<string, string?> OnTestDatabase(string schema) => new()
    {
        ["LEDGER_DB"] = TestDatabase.ConnectionString,
        ["LEDGER_SCHEMA"] = schema,
        ["LEDGER_DEMO"] = "1",
    };

    private static string DotnetHost() =>
        Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
}
