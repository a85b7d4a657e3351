using System.Diagnostics;
using ProjectLedger.Tests.Processes;
using Shouldly;

namespace ProjectLedger.Tests.Platform;

/// <summary>
/// Wolverine runs with TypeLoadMode.Static: the handler code is generated ahead of time (ops/codegen)
/// and committed. An endpoint added or changed without regenerating would be a silent 404 or stale
/// code in production; here it fails the suite instead.
/// </summary>
public class GeneratedCodeTests
{
    [Fact]
    public async Task Committed_generated_code_matches_what_codegen_writes_now()
    {
        var committed = Path.Combine(AppProcess.RepositoryRoot(), "src", "ProjectLedger", "Internal", "Generated", "WolverineHandlers");
        var scratch = Directory.CreateTempSubdirectory("ledger-codegen-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = AppContext.BaseDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var arg in new[] { "ProjectLedger.dll", "codegen", "write", "--contentroot", scratch }) start.ArgumentList.Add(arg);
            start.Environment["LEDGER_DEMO"] = "1";
            start.Environment["LEDGER_DB"] = "Host=127.0.0.1;Database=codegen";
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            process.ExitCode.ShouldBe(0, output);

            var fresh = Path.Combine(scratch, "Internal", "Generated", "WolverineHandlers");
            var expected = Directory.GetFiles(fresh).Select(Path.GetFileName).Order().ToList();
            var actual = Directory.Exists(committed) ? Directory.GetFiles(committed).Select(Path.GetFileName).Order().ToList() : [];
            actual.ShouldBe(expected, "the committed generated handlers differ from the endpoints in the code: run ops/codegen and commit");
            foreach (var name in expected)
                File.ReadAllText(Path.Combine(committed, name!)).ShouldBe(File.ReadAllText(Path.Combine(fresh, name!)),
                    $"{name} is stale: run ops/codegen and commit");
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
