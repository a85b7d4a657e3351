using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using ProjectLedger.Hosting;
using ProjectLedger.Security;
using ProjectLedger.Tests.Infrastructure;

namespace ProjectLedger.Tests.Processes;

/// <summary>
/// ProjectLedger as a separate OS process (`dotnet ProjectLedger.dll`) on a free 127.0.0.1 port, in
/// a schema of its own, serving the built UI from src/ProjectLedger/wwwroot. For what an in-memory
/// TestServer cannot do: a real browser, and faults (Kill() is a SIGKILL; Restart() starts it again
/// on the same port and schema). Its stdout and stderr are kept for diagnostics (Output).
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private const int MaxOutputChars = 200_000;

    private readonly StringBuilder _output = new();
    private readonly IReadOnlyDictionary<string, string?> _extra;
    private Process? _process;

    public string Schema { get; } = "p_" + Guid.NewGuid().ToString("N")[..12];
    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    private AppProcess(int port, IReadOnlyDictionary<string, string?> extra)
    {
        Port = port;
        _extra = extra;
    }

    /// <summary>Starts the app and waits until GET /health answers 200. extra: more environment variables.</summary>
    public static async Task<AppProcess> Start(IReadOnlyDictionary<string, string?>? extra = null, int? port = null)
    {
        var app = new AppProcess(port ?? FreePort(), extra ?? new Dictionary<string, string?>());
        try
        {
            await app.Launch();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
    }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Everything the process (and earlier runs of it) wrote to stdout and stderr.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>SIGKILL, the whole process tree, no shutdown hooks; waits until it is gone.</summary>
    public void Kill()
    {
        var process = _process;
        if (process is null) return;
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        Append($"--- killed (pid {process.Id}) ---");
    }

    /// <summary>Kills the process if it runs, then starts it again on the same port and schema.</summary>
    public async Task Restart()
    {
        Kill();
        _process?.Dispose();
        _process = null;
        await Launch();
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        _process = null;
        return ValueTask.CompletedTask;
    }

    /// <summary>A bearer token signed with the demo key, as the demo-mode app expects.</summary>
    public static string Token(string role, string county, string user = "test-user") =>
        TokenIssuer.Demo.Issue(user, role, county, TimeSpan.FromHours(1));

    /// <summary>An HttpClient on BaseUrl carrying a token for the role and county.</summary>
    public HttpClient Client(string role, string county, string user = "test-user")
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(role, county, user));
        return client;
    }

    private async Task Launch()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ProjectLedger.dll");
        var runtimeConfig = Path.Combine(AppContext.BaseDirectory, "ProjectLedger.runtimeconfig.json");
        if (!File.Exists(dll) || !File.Exists(runtimeConfig))
            throw new InvalidOperationException(
                $"ProjectLedger.dll and ProjectLedger.runtimeconfig.json must be in the test's output folder {AppContext.BaseDirectory} (the test project references the app project).");
        var contentRoot = Path.Combine(RepositoryRoot(), "src", "ProjectLedger");
        if (!File.Exists(Path.Combine(contentRoot, "wwwroot", "index.html")))
            throw new InvalidOperationException($"The UI is not built into {contentRoot}/wwwroot: run ops/build-web first.");

        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = contentRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        var env = start.Environment;
        // LedgerApp.Start sets LEDGER_* variables process-wide for a moment; a process started then
        // must not inherit them (e.g. LEDGER_DAEMON=0 or LEDGER_RATE_LIMIT=off from a parallel test).
        foreach (var inherited in env.Keys.Where(k => k.StartsWith("LEDGER_", StringComparison.Ordinal) || k.StartsWith("Logging__", StringComparison.Ordinal)).ToList())
            env.Remove(inherited);
        env["LEDGER_DB"] = TestDatabase.ConnectionString;
        env["LEDGER_SCHEMA"] = Schema;
        env["LEDGER_DEMO"] = "1";
        // Each process gets a schema of its own: it applies it, as `db-apply` would before a deploy.
        env["LEDGER_APPLY_SCHEMA"] = "1";
        env["LEDGER_LOG_FORMAT"] = "text";
        env["ASPNETCORE_URLS"] = BaseUrl;
        env["ASPNETCORE_CONTENTROOT"] = contentRoot;
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["DOTNET_ENVIRONMENT"] = "Production";
        env["Logging__LogLevel__Default"] = "Warning";
        env["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (key, value) in _extra) env[key] = value;

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Append(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Append("[stderr] " + e.Data); };
        Append($"--- starting {start.FileName} {dll} on {BaseUrl}, schema {Schema} ---");
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        await WaitUntilHealthy(process);
    }

    private async Task WaitUntilHealthy(Process process)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        string last = "no answer yet";
        while (clock.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                process.WaitForExit(); // flushes the output readers
                throw new InvalidOperationException(
                    $"ProjectLedger exited with code {process.ExitCode} before it was healthy. Its output:\n{Output}");
            }
            try
            {
                using var response = await http.GetAsync(BaseUrl + "/health");
                if (response.StatusCode == HttpStatusCode.OK) return;
                last = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e.Message;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException(
            $"ProjectLedger did not answer GET /health with 200 within {StartTimeout.TotalSeconds} s (last: {last}). Its output:\n{Output}");
    }

    private void Append(string line)
    {
        lock (_output)
        {
            if (_output.Length > MaxOutputChars) _output.Remove(0, _output.Length - MaxOutputChars / 2);
            _output.AppendLine(line);
        }
    }

    /// <summary>The dotnet host running these tests, so the app runs on the same runtime.</summary>
    private static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet") return current;
        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk)) return fromSdk;
        return "dotnet";
    }

    /// <summary>
    /// The repository: above the test's output folder, or (with `--artifacts-path` outside the
    /// repository) above this source file as the compiler saw it.
    /// </summary>
    public static string RepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(SourceFile()) })
        {
            for (var dir = start is null ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "ProjectLedger.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Cannot find the repository root (ProjectLedger.sln).");
    }

    private static string SourceFile([CallerFilePath] string path = "") => path;

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
