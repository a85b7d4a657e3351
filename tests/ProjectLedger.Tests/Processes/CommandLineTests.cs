using System.Text.RegularExpressions;
using Shouldly;

namespace ProjectLedger.Tests.Processes;

/// <summary>
/// The command line as a county's IT meets it: `dotnet ProjectLedger.dll ...` as a process. Help
/// needs no secret and no database; an expected failure is one line and a non-zero exit.
/// </summary>
[Trait("Category", "Process")]
public sealed partial class CommandLineTests
{
    /// <summary>Neither a key nor demo mode, and a database nothing listens on.</summary>
    private static readonly Dictionary<string, string?> Bare = new() { ["LEDGER_DB"] = AppCommand.Unreachable };

    [Fact]
    public void the_demo_data_lives_outside_the_product_assembly()
    {
        typeof(ProjectLedger.Hosting.LedgerCommand).Assembly.GetTypes().ShouldNotContain(t => t.Namespace == "ProjectLedger.Demo");
        typeof(ProjectLedger.Demo.DemoData).Assembly.GetName().Name.ShouldBe("ProjectLedger.Demo");
        // Loaded beside the app, it brings its command: the help test below finds demo-data among the commands.
        ProjectLedger.Hosting.LedgerCommandModules.Load().Select(c => c.Definition.Name).ShouldBe(["demo-data"]);
    }

    [Fact]
    public async Task help_answers_for_every_command_without_a_key_or_a_database_and_no_command_reuses_a_short_flag()
    {
        var root = await AppCommand.Run(Bare, "help");
        root.ExitCode.ShouldBe(0, root.ToString());
        (await AppCommand.Run(Bare, "--help")).Stdout.ShouldBe(root.Stdout);

        var commands = await CommandsIn(root.Stdout, []);
        commands.Where(c => c.Length == 1).Select(c => c[0]).ShouldBe(["run", "codegen", "probe", "db-apply", "projections", "audit", "export", "demo-data", "describe"], ignoreOrder: true);
        commands.ShouldContain(c => c.SequenceEqual(new[] { "projections", "rebuild" }));
        foreach (var command in commands)
        {
            foreach (var form in new[] { command.Append("--help").ToArray(), new[] { "help" }.Concat(command).ToArray() })
            {
                var help = await AppCommand.Run(Bare, form);
                help.ExitCode.ShouldBe(0, $"{string.Join(' ', form)}: {help}");
                help.Stdout.ShouldContain("Usage:", customMessage: help.ToString());
                help.All.ShouldNotContain("LEDGER_SIGNING_KEY is not set");
                var shortFlags = ShortFlag().Matches(help.Stdout).Select(m => m.Groups[1].Value).ToList();
                shortFlags.ShouldBeUnique($"{string.Join(' ', command)} reuses a short flag: {help.Stdout}");
            }
        }
    }

    [Fact]
    public async Task an_unreachable_database_is_one_line_and_exit_3_for_every_command_that_needs_it()
    {
        string[][] needDatabase =
        [
            ["db-apply"], ["audit"], ["projections", "rebuild"], ["projections", "list"], ["demo-data", "--experiments", "5"],
            ["export", "--out", Path.Combine(Path.GetTempPath(), "never.ndjson")],
        ];
        foreach (var args in needDatabase)
        {
            var run = await AppCommand.Run(new Dictionary<string, string?>(Bare) { ["LEDGER_DEMO"] = "1" }, args);
            run.ExitCode.ShouldBe(3, run.ToString());
            OneLine(run).ShouldStartWith("projectledger: cannot reach the database 127.0.0.1:1/ledger", customMessage: run.ToString());
        }
    }

    [Fact]
    public async Task wrong_usage_exits_2_and_says_what_is_wrong()
    {
        var env = new Dictionary<string, string?>(Bare) { ["LEDGER_DEMO"] = "1" };

        var projection = await AppCommand.Run(env, "projections", "rebuild", "-p", "Nope");
        projection.ExitCode.ShouldBe(2, projection.ToString());
        OneLine(projection).ShouldBe("projectledger: there is no projection named 'Nope'. Projections: DashboardProjection, Experiment, Project");

        var typo = await AppCommand.Run(env, "audti");
        typo.ExitCode.ShouldBe(2, typo.ToString());
        typo.Stderr.ShouldContain("Unrecognized command or argument 'audti'");

        var option = await AppCommand.Run(env, "audit", "--frobnicate");
        option.ExitCode.ShouldBe(2, option.ToString());
        option.Stderr.ShouldContain("--frobnicate");

        var county = await AppCommand.Run(env, "export", "--out", Path.Combine(Path.GetTempPath(), "x.ndjson"), "--county", "atlantis");
        county.ExitCode.ShouldBe(2, county.ToString());
        OneLine(county).ShouldContain("there is no county 'atlantis'");

        var kept = Path.GetTempFileName();
        var checkpointWithoutKey = await AppCommand.Run(Bare, "audit", "--checkpoint", kept);
        checkpointWithoutKey.ExitCode.ShouldBe(2, checkpointWithoutKey.ToString());
        OneLine(checkpointWithoutKey).ShouldContain("LEDGER_LOG_KEY_FILE");
    }

    [Fact]
    public async Task a_missing_file_is_one_line_whether_a_checkpoint_an_export_folder_or_a_secret_file()
    {
        var keyed = new Dictionary<string, string?>(Bare) { ["LEDGER_SIGNING_KEY"] = new string('k', 40) };

        var checkpoint = await AppCommand.Run(keyed, "audit", "--checkpoint", "/nonexistent/checkpoint.12");
        checkpoint.ExitCode.ShouldBe(3, checkpoint.ToString());
        OneLine(checkpoint).ShouldBe("projectledger: the checkpoint file /nonexistent/checkpoint.12 does not exist");

        var export = await AppCommand.Run(keyed, "export", "--out", "/nonexistent/folder/events.ndjson");
        export.ExitCode.ShouldBe(3, export.ToString());
        OneLine(export).ShouldBe("projectledger: the folder /nonexistent/folder does not exist");

        var secret = await AppCommand.Run(new Dictionary<string, string?>(Bare) { ["LEDGER_SIGNING_KEY_FILE"] = "/nonexistent/key" }, "describe");

        var both = await AppCommand.Run(new Dictionary<string, string?>(keyed) { ["LEDGER_SIGNING_KEY_FILE"] = "/nonexistent/key" }, "describe");
        both.ExitCode.ShouldBe(2, both.ToString());
        OneLine(both).ShouldBe("ProjectLedger cannot start: Both LEDGER_SIGNING_KEY and LEDGER_SIGNING_KEY_FILE are set; set only one of them.");
        secret.ExitCode.ShouldBe(2, secret.ToString());
        OneLine(secret).ShouldStartWith("ProjectLedger cannot start: LEDGER_SIGNING_KEY_FILE names /nonexistent/key, which cannot be read");

        var served = await AppCommand.Run(new Dictionary<string, string?> { ["LEDGER_DB_FILE"] = "/nonexistent/db" });
        served.ExitCode.ShouldBe(2, served.ToString());
        OneLine(served).ShouldStartWith("ProjectLedger cannot start: LEDGER_DB_FILE names /nonexistent/db");
    }

    [Fact]
    public async Task describe_shows_settings_but_no_secret_and_reads_secrets_from_files()
    {
        const string key = "a-signing-key-that-must-never-be-printed-0123456789";
        const string password = "hunter2-never-printed";
        var folder = Directory.CreateTempSubdirectory("ledger-secrets").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "key"), key + "\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "db"), $"Host=db.example;Port=5433;Database=ledger;Username=ledger;Password={password}\n");

        var fromEnvironment = await AppCommand.Run(new Dictionary<string, string?>
        {
            ["LEDGER_DB"] = $"Host=127.0.0.1;Port=1;Database=ledger;Username=ledger;Password={password}",
            ["LEDGER_SIGNING_KEY"] = key,
            ["LEDGER_REDIS"] = "redis:6379,password=" + password,
            ["OTEL_EXPORTER_OTLP_HEADERS"] = "Authorization=Bearer " + password,
        }, "describe");
        var fromFiles = await AppCommand.Run(new Dictionary<string, string?>
        {
            ["LEDGER_DB_FILE"] = Path.Combine(folder, "db"),
            ["LEDGER_SIGNING_KEY_FILE"] = Path.Combine(folder, "key"),
        }, "describe");

        foreach (var run in new[] { fromEnvironment, fromFiles })
        {
            run.ExitCode.ShouldBe(0, run.ToString());
            run.All.ShouldNotContain(key);
            run.All.ShouldNotContain(password);
            run.Stdout.ShouldContain("(password hidden)");
            run.Stdout.ShouldContain("Projections: DashboardProjection, Experiment, Project");
        }
        fromFiles.Stdout.ShouldContain("Host=db.example;Port=5433;Database=ledger;Username=ledger (password hidden)");
        fromFiles.Stdout.ShouldContain("LEDGER_SIGNING_KEY_FILE");
        Regex.IsMatch(fromFiles.Stdout, @"LEDGER_SIGNING_KEY\s+\(set, hidden\)").ShouldBeTrue(fromFiles.Stdout);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task demo_data_rebuild_audit_and_export_run_with_progress_and_no_markup_or_host_noise()
    {
        var env = AppCommand.OnTestDatabase("cli_" + Guid.NewGuid().ToString("N")[..10]);
        var export = Path.Combine(Path.GetTempPath(), $"ledger-export-{Guid.NewGuid():N}.ndjson");

        var schema = await AppCommand.Run(env, "db-apply");
        var demo = await AppCommand.Run(env, "demo-data", "--experiments", "40", "--seed", "7");
        var rebuild = await AppCommand.Run(env, "projections", "rebuild", "--projection", "DashboardProjection");
        var all = await AppCommand.Run(env, "projections", "rebuild");
        var list = await AppCommand.Run(env, "projections", "list");
        var audit = await AppCommand.Run(env, "audit");
        var exported = await AppCommand.Run(env, "export", "-o", export);

        foreach (var run in new[] { schema, demo, rebuild, all, list, audit, exported })
        {
            run.ExitCode.ShouldBe(0, run.ToString());
            run.All.ShouldNotContain("Cannot override services");
            run.All.ShouldNotContain("Searching '");
            LeakedMarkup().IsMatch(run.All).ShouldBeFalse(run.ToString());
            run.All.ShouldNotContain("   at ");
        }
        demo.Stdout.ShouldContain("experiments  40");
        demo.Stderr.ShouldContain("Loading demo experiments");
        var events = long.Parse(Regex.Match(demo.Stdout, @"events\s+(\d+)").Groups[1].Value);

        rebuild.Stderr.ShouldContain("Rebuilding DashboardProjection");
        rebuild.Stdout.ShouldContain($"Finished rebuilding DashboardProjection in");
        rebuild.Stdout.ShouldContain($"({events} events)");
        foreach (var name in new[] { "DashboardProjection", "Experiment", "Project" })
            all.Stdout.ShouldContain($"Finished rebuilding {name}");
        list.Stdout.ShouldContain($"DashboardProjection      async: at event {events} of {events}");

        // db-apply, then demo-data applying the schema again: the chain trigger must survive the second apply.
        audit.Stderr.ShouldContain("Verifying "); // the progress bar's closing line
        audit.Stdout.ShouldContain($"{events} events");
        audit.Stdout.ShouldContain("0 broken");

        exported.Stderr.ShouldContain("Exporting to");
        exported.Stdout.ShouldContain($"Exported {events} events");
        (await File.ReadAllLinesAsync(export)).Length.ShouldBe((int)events);
        File.Delete(export);
    }

    private static string OneLine(CommandOutcome run)
    {
        var lines = run.All.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Length.ShouldBe(1, run.ToString());
        return lines[0];
    }

    /// <summary>Every command and subcommand named in a help text's Commands: section, recursively.</summary>
    private static async Task<List<string[]>> CommandsIn(string help, string[] parent)
    {
        var found = new List<string[]>();
        var section = help.Split("Commands:", 2);
        if (section.Length < 2) return found;
        foreach (Match m in CommandRow().Matches(section[1]))
        {
            string[] path = [.. parent, m.Groups[1].Value];
            found.Add(path);
            var sub = await AppCommand.Run(Bare, [.. path, "--help"]);
            found.AddRange(await CommandsIn(sub.Stdout, path));
        }
        return found;
    }

    [GeneratedRegex(@"^\s{2}([a-z][a-z-]*)\s{2,}", RegexOptions.Multiline)]
    private static partial Regex CommandRow();

    [GeneratedRegex(@"(?:^\s+|,\s)(-[A-Za-z?])(?=,|\s)", RegexOptions.Multiline)]
    private static partial Regex ShortFlag();

    [GeneratedRegex(@"\[/\]|\[(?:purple|grey|gray|green|red|bold|blue|yellow)[^\]]*\]")]
    private static partial Regex LeakedMarkup();
}
