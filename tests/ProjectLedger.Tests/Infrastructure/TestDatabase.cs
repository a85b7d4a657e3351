using System.Diagnostics;

namespace ProjectLedger.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL the tests run against: LEDGER_DB (ops/test sets it), or else a throw-away local
/// cluster that ops/db starts, so `dotnet test` alone works on a developer machine too.
/// </summary>
public static class TestDatabase
{
    private static readonly Lazy<string> Connection = new(Resolve);

    public static string ConnectionString => Connection.Value;

    private static string Resolve()
    {
        var given = Environment.GetEnvironmentVariable("LEDGER_DB");
        if (!string.IsNullOrWhiteSpace(given)) return given;

        var root = RepositoryRoot();
        var start = new ProcessStartInfo("bash", [Path.Combine(root, "ops", "db"), "start", "dev-test"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = false,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException("ops/db could not start a test database.");
        return output.Split('\n').Last();
    }

    /// <summary>Found from the test binaries, or (built with --artifacts-path elsewhere) from this source file.</summary>
    public static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "" })
        {
            var dir = new DirectoryInfo(start);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ProjectLedger.sln"))) dir = dir.Parent;
            if (dir is not null) return dir.FullName;
        }
        throw new InvalidOperationException("Cannot find the repository root (ProjectLedger.sln).");
    }
}
