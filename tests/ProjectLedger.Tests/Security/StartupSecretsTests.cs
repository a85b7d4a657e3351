using System.Diagnostics;
using Shouldly;

namespace ProjectLedger.Tests.Security;

/// <summary>The app as an operator starts it: a bad key stops it with one line; `describe` shows no secret.</summary>
[Trait("Category", "Slow")]
public sealed class StartupSecretsTests
{
    private const string Password = "pw-" + "7f3a9c1e5b";
    private const string Key = "key-that-must-never-be-printed-0123456789abcdef";

    private static async Task<(int ExitCode, string Output)> RunApp(IReadOnlyDictionary<string, string?> env, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("ProjectLedger.dll");
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("LEDGER_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(inherited);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (k, v) in env) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000)) { process.Kill(true); throw new TimeoutException("the app did not exit"); }
        return (process.ExitCode, await stdout + await stderr);
    }

    [Theory]
    [InlineData("too-short")]
    [InlineData("projectledger-demo-signing-key-not-for-production-use")]
    public async Task outside_demo_mode_a_short_key_or_the_demo_key_stops_start_up_with_one_line(string key)
    {
        var (exit, output) = await RunApp(new Dictionary<string, string?> { ["LEDGER_SIGNING_KEY"] = key, ["LEDGER_DB"] = "Host=127.0.0.1;Port=1" });
        exit.ShouldBe(2);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(1, output);
        lines[0].ShouldStartWith("ProjectLedger cannot start: LEDGER_SIGNING_KEY");
        output.ShouldNotContain(key);
    }

    [Fact]
    public async Task describe_shows_that_secrets_are_set_but_never_the_secrets()
    {
        var (exit, output) = await RunApp(new Dictionary<string, string?>
        {
            ["LEDGER_SIGNING_KEY"] = Key,
            ["LEDGER_DB"] = $"Host=127.0.0.1;Port=1;Database=ledger;Username=ledger;Password={Password}",
            ["LEDGER_OIDC_AUTHORITY"] = "https://login.example.fi/realms/ledger",
            ["LEDGER_OIDC_CLIENT_ID"] = "projectledger",
            ["LEDGER_OIDC_CLIENT_SECRET"] = "client-" + Password,
        }, "describe");
        exit.ShouldBe(0, output);
        output.ShouldContain("LEDGER_OIDC_CLIENT_SECRET");
        output.ShouldNotContain(Password);
        // Spectre wraps long values over lines: look for any 12-character piece of the key too.
        var flat = string.Concat(output.Where(c => char.IsLetterOrDigit(c) || c == '-'));
        flat.ShouldNotContain(Key[..12]);
        flat.ShouldNotContain(Key[^12..]);
    }
}
