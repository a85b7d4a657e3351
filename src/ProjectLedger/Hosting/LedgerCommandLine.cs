using System.CommandLine;
using System.CommandLine.Invocation;
using JasperFx;
using Npgsql;
using ProjectLedger.Audit;
using ProjectLedger.Dashboards;

namespace ProjectLedger.Hosting;

/// <summary>
/// `dotnet ProjectLedger.dll [command]`: without a command (or with `run`) the app serves; otherwise
/// one of the operator's commands runs against the built host's services without starting it.
/// Help and usage errors are answered before the host is built: no database or key needed.
/// </summary>
public sealed class LedgerCommandLine
{
    private enum Mode { Finished, Serve, Command, JasperFx }

    private static LedgerCommand[] Commands() =>
    [
        new SchemaCommand(), new ProjectionsCommand(), new AuditCommand(), new ExportCommand(),
        new DescribeCommand(), new LogKeyCommand(),
        .. LedgerCommandModules.Load(),
    ];

    private static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Write the app's logs and the full details of a failure",
        Recursive = true,
    };

    private readonly string[] _args;
    private readonly Mode _mode;
    private readonly ParseResult? _parsed;
    private readonly LedgerCommand? _command;

    private LedgerCommandLine(string[] args, Mode mode, ParseResult? parsed = null, LedgerCommand? command = null, int exitCode = 0)
    {
        _args = args;
        _mode = mode;
        _parsed = parsed;
        _command = command;
        ExitCode = exitCode;
    }

    /// <summary>Set when the command line was fully answered already (help, a usage error): exit with it.</summary>
    public int? Finished => _mode == Mode.Finished ? ExitCode : null;

    private int ExitCode { get; }

    public bool Serves => _mode == Mode.Serve;

    private bool IsVerbose => _parsed?.GetValue(Verbose) ?? false;

    /// <summary>The arguments the web host sees: ASP.NET Core options after `run`, the original ones for JasperFx.</summary>
    public string[] HostArgs => _mode switch
    {
        Mode.Serve => _parsed?.UnmatchedTokens.ToArray() ?? _args,
        Mode.JasperFx => _args,
        _ => [],
    };

    public static LedgerCommandLine Parse(string[] args)
    {
        if (args.All(IsHostSetting)) return new LedgerCommandLine(args, Mode.Serve);

        var commands = Commands();
        var root = new RootCommand(
            "ProjectLedger: the development experiments of Finland's social and health services as an immutable history.\n" +
            "Without a command it serves the API and the dashboards. Settings come from LEDGER_* environment variables\n" +
            "(LEDGER_X_FILE reads LEDGER_X from a file). Exit codes: 0 done, 1 failed or found a problem,\n" +
            "2 wrong usage or configuration, 3 the database or a file cannot be reached.");
        root.Options.Add(Verbose);
        root.Action = new Chosen();
        var serve = new Command("run", "Serve the API and the dashboards (the default). ASP.NET Core host options such as --urls may follow")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        serve.Action = new Chosen();
        root.Subcommands.Add(serve);
        var codegen = new Command("codegen", "For developers: Wolverine's ahead-of-time handler code (ops/codegen runs `codegen write`)")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        codegen.Action = new Chosen();
        root.Subcommands.Add(codegen);
        root.Subcommands.Add(ProbeCommand.Definition());
        foreach (var command in commands)
        {
            MarkChosen(command.Definition);
            root.Subcommands.Add(command.Definition);
        }

        // `help` and `help COMMAND ...` read as `--help`, as in the JasperFx command line this replaces.
        if (args[0] == "help") args = [.. args.Skip(1), "--help"];
        var parsed = root.Parse(args);
        // Help, a usage error, or a command that needs no host (probe): answered here.
        if (parsed.Errors.Count > 0 || parsed.Action is not Chosen)
            return new LedgerCommandLine(args, Mode.Finished, exitCode: parsed.Errors.Count > 0 ? InvokeUsage(parsed) : parsed.Invoke());

        var chosen = parsed.CommandResult.Command;
        if (chosen == serve || chosen == root) return new LedgerCommandLine(args, Mode.Serve, parsed);
        if (chosen == codegen) return new LedgerCommandLine(args, Mode.JasperFx, parsed);
        return new LedgerCommandLine(args, Mode.Command, parsed, commands.Single(c => ReferenceEquals(c.Definition, chosen) || IsWithin(chosen, c.Definition)));
    }

    // WebApplicationFactory (the tests' Alba host) starts the app with `--applicationName=…`,
    // `--contentRoot=…`, `--environment=…`: host settings, not a command.
    private static readonly string[] HostSettings = ["applicationName", "contentRoot", "environment", "urls"];

    private static bool IsHostSetting(string arg) =>
        arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains('=') &&
        HostSettings.Contains(arg[2..arg.IndexOf('=')], StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Before options are read: *_FILE secrets; a throw-away signing key for commands (they issue and
    /// check no tokens); quiet logs for commands unless --verbose, so their output is their own.
    /// </summary>
    public void Configure(WebApplicationBuilder builder)
    {
        builder.Configuration.AddLedgerSecretFiles();
        if (Serves) return;
        if (string.IsNullOrWhiteSpace(builder.Configuration["LEDGER_SIGNING_KEY"]))
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["LEDGER_SIGNING_KEY"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
                [EphemeralSigningKey] = "1",
            });
        var verbose = IsVerbose;
        builder.Services.PostConfigure<LoggerFilterOptions>(o =>
        {
            o.Rules.Clear();
            o.MinLevel = verbose ? LogLevel.Information : LogLevel.None;
        });
    }

    /// <summary>Set in configuration when a command runs without LEDGER_SIGNING_KEY: nothing may be signed with it.</summary>
    public const string EphemeralSigningKey = "Ledger:EphemeralSigningKey";

    public async Task<int> RunAsync(WebApplication app)
    {
        var ledger = app.Services.GetService<LedgerOptions>();
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
        if (_mode == Mode.Command) Console.CancelKeyPress += onCancel;
        try
        {
            switch (_mode)
            {
                case Mode.Serve:
                    await app.RunAsync();
                    return LedgerExit.Ok;
                case Mode.JasperFx:
                    return await app.RunJasperFxCommands(_args);
                default:
                    return await _command!.RunAsync(_parsed!, app.Services, cancel.Token);
            }
        }
        catch (Exception e)
        {
            return Report(e, ledger, IsVerbose);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>One line on stderr for an expected failure; the stack trace only with --verbose.</summary>
    public static int Report(Exception failure, LedgerOptions? ledger, bool verbose)
    {
        var (message, code) = Explain(failure, ledger);
        Console.Error.WriteLine("projectledger: " + message);
        if (verbose) Console.Error.WriteLine(failure);
        else if (code == LedgerExit.Failed && failure is not CommandFailure and not OperationCanceledException)
            Console.Error.WriteLine("projectledger: run the command again with --verbose for the details");
        return code;
    }

    private static (string Message, int Code) Explain(Exception failure, LedgerOptions? ledger)
    {
        for (var e = failure; e is not null; e = e.InnerException ?? (e as AggregateException)?.InnerExceptions.FirstOrDefault())
        {
            switch (e)
            {
                case CommandFailure f:
                    return (f.Message, f.ExitCode);
                case LedgerConfigurationException c:
                    return (c.Message, LedgerExit.Usage);
                case PostgresException p:
                    return ($"the database {Where(ledger)} refused: {p.MessageText} ({p.SqlState})", LedgerExit.Unavailable);
                case NpgsqlException n:
                    return ($"cannot reach the database {Where(ledger)} (LEDGER_DB): {n.Message}", LedgerExit.Unavailable);
                case FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException:
                    return (e.Message, LedgerExit.Unavailable);
                case OperationCanceledException:
                    return ("cancelled", LedgerExit.Failed);
            }
        }
        return ($"failed: {failure.GetType().Name}: {failure.Message}", LedgerExit.Failed);
    }

    /// <summary>Host, port and database of the connection string; never its password.</summary>
    public static string Where(LedgerOptions? ledger)
    {
        if (ledger is null) return "";
        try
        {
            var c = new NpgsqlConnectionStringBuilder(ledger.ConnectionString);
            return $"{c.Host}:{c.Port}/{c.Database}";
        }
        catch (ArgumentException)
        {
            return "(unreadable LEDGER_DB)";
        }
    }

    private static int InvokeUsage(ParseResult parsed)
    {
        parsed.Invoke();
        return LedgerExit.Usage;
    }

    private static void MarkChosen(Command command)
    {
        if (command.Subcommands.Count == 0) command.Action ??= new Chosen();
        foreach (var sub in command.Subcommands) MarkChosen(sub);
    }

    private static bool IsWithin(Command chosen, Command top) => top.Subcommands.Any(s => s == chosen || IsWithin(chosen, s));

    /// <summary>Marks a command the host runs after the parse (as opposed to help or a usage error).</summary>
    private sealed class Chosen : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult) => 0;
    }
}
