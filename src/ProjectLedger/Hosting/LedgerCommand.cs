using System.CommandLine;

namespace ProjectLedger.Hosting;

/// <summary>
/// One command of the app's command line. Definition is parsed before the host exists (so help and
/// usage errors need neither a database nor a signing key); RunAsync gets the built, unstarted
/// host's services and returns the process exit code.
/// </summary>
public abstract class LedgerCommand
{
    public abstract Command Definition { get; }

    public abstract Task<int> RunAsync(ParseResult parsed, IServiceProvider services, CancellationToken ct);
}

/// <summary>An expected failure: printed as one line on stderr, never as a stack trace.</summary>
public sealed class CommandFailure(string message, int exitCode = LedgerExit.Failed) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>Exit codes of the command line, documented in `help`.</summary>
public static class LedgerExit
{
    public const int Ok = 0;
    /// <summary>The command ran and found a problem (a broken chain), or could not do its work.</summary>
    public const int Failed = 1;
    /// <summary>Wrong usage or configuration: an unknown command, option or projection; a missing setting.</summary>
    public const int Usage = 2;
    /// <summary>Something outside the app is missing: the database cannot be reached, a file does not exist.</summary>
    public const int Unavailable = 3;
}
