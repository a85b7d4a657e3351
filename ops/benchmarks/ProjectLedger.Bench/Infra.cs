using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using ProjectLedger.Hosting;
using ProjectLedger.Security;

namespace ProjectLedger.Bench;

/// <summary>What ops/bench passes in: the database, the built app, where results go, and how big.</summary>
public sealed record BenchEnv(string Db, string AppDll, string OutDir, bool Quick, int? PostmasterPid)
{
    public static BenchEnv From(string[] args)
    {
        var quick = args.Contains("--quick");
        var db = Environment.GetEnvironmentVariable("LEDGER_DB") ?? throw new InvalidOperationException("LEDGER_DB is not set (ops/bench sets it).");
        var app = Environment.GetEnvironmentVariable("BENCH_APP_DLL") ?? throw new InvalidOperationException("BENCH_APP_DLL is not set (ops/bench sets it).");
        var outDir = Environment.GetEnvironmentVariable("BENCH_OUT") ?? Path.Combine(Directory.GetCurrentDirectory(), ".ledger", "bench");
        int? postmaster = null;
        if (Environment.GetEnvironmentVariable("BENCH_PG_DATA") is { } data && File.Exists(Path.Combine(data, "postmaster.pid")))
            postmaster = int.Parse(File.ReadLines(Path.Combine(data, "postmaster.pid")).First().Trim());
        return new BenchEnv(db, app, outDir, quick, postmaster);
    }

    /// <summary>Full size, or a tenth of it with --quick.</summary>
    public int Size(int full) => Quick ? Math.Max(1, full / 10) : full;
}

public static class Log
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();
    public static void Say(string message) => Console.Error.WriteLine($"[bench {Clock.Elapsed.TotalSeconds,6:0.0}s] {message}");
}

/// <summary>The app as a separate process (its CPU and memory measured apart from the load generator).</summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppProcess(Process process, string baseUrl, string schema)
    {
        _process = process;
        BaseUrl = baseUrl;
        Schema = schema;
    }

    public string BaseUrl { get; }
    public string Schema { get; }
    public int Pid => _process.Id;

    /// <summary>From starting the process to the first 200 of /health.</summary>
    public TimeSpan HealthyAfter { get; private set; }

    public static async Task<AppProcess> Start(BenchEnv env, string schema, IDictionary<string, string>? extra = null)
    {
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(env.AppDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(env.AppDll);
        var e = start.Environment;
        e["LEDGER_DB"] = env.Db;
        e["LEDGER_SCHEMA"] = schema;
        e["LEDGER_DEMO"] = "1";
        e["LEDGER_LOG_FORMAT"] = "text";
        e["LEDGER_RATE_LIMIT"] = "off";
        e["ASPNETCORE_URLS"] = url;
        e["ASPNETCORE_ENVIRONMENT"] = "Production";
        e["DOTNET_ENVIRONMENT"] = "Production";
        e["Logging__LogLevel__Default"] = "Warning";
        // The UI as ops/build-web built it: publish_app publishes wwwroot beside the app only on linux-x64;
        // elsewhere it builds, and a build output holds no wwwroot.
        if (Environment.GetEnvironmentVariable("BENCH_WEBROOT") is { Length: > 0 } webRoot) e["ASPNETCORE_WEBROOT"] = webRoot;
        foreach (var (k, v) in extra ?? new Dictionary<string, string>()) e[k] = v;
        // BENCH_APP_X=v runs the app with X=v (e.g. BENCH_APP_LEDGER_DAEMON=off to see what the daemon costs).
        foreach (System.Collections.DictionaryEntry v in Environment.GetEnvironmentVariables())
            if (v.Key is string key && key.StartsWith("BENCH_APP_") && key != "BENCH_APP_DLL") e[key["BENCH_APP_".Length..]] = v.Value as string;
        var process = new Process { StartInfo = start };
        var app = new AppProcess(process, url, schema);
        process.OutputDataReceived += (_, a) => app.Append(a.Data);
        process.ErrorDataReceived += (_, a) => app.Append(a.Data);
        var clock = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        while (clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited) throw new InvalidOperationException($"The app exited ({process.ExitCode}):\n{app.Output}");
            try
            {
                using var r = await http.GetAsync(url + "/health");
                if (r.StatusCode == HttpStatusCode.OK)
                {
                    app.HealthyAfter = clock.Elapsed;
                    Log.Say($"app pid {process.Id} on {url}, schema {schema}, healthy after {clock.Elapsed.TotalSeconds:0.0} s");
                    return app;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { }
            await Task.Delay(200);
        }
        await app.DisposeAsync();
        throw new TimeoutException($"The app did not become healthy:\n{app.Output}");
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) { if (_output.Length < 100_000) _output.AppendLine(line); }
    }

    public string Output { get { lock (_output) return _output.ToString(); } }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(new CancellationTokenSource(10_000).Token);
            }
        }
        catch (Exception) { }
        _process.Dispose();
    }

    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }
}

public static class Tokens
{
    private static readonly TokenIssuer Issuer = TokenIssuer.Demo;

    public static string Issue(string user, string role, string county) => Issuer.Issue(user, role, county);

    public static HttpClient Client(string baseUrl, int connections, string token, TimeSpan? timeout = null)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(1, connections),
            PooledConnectionLifetime = TimeSpan.FromMinutes(30),
            AutomaticDecompression = DecompressionMethods.None,
        };
        var client = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = timeout ?? TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

/// <summary>CPU ticks and memory of processes, read from /proc.</summary>
public static class ProcStat
{
    private static readonly double TicksPerSecond = 100.0; // USER_HZ on Linux

    public static long CpuTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // fields[0] is state (field 3); utime is field 14, stime field 15
            return long.Parse(fields[11]) + long.Parse(fields[12]);
        }
        catch (Exception) { return 0; }
    }

    public static double Seconds(long ticks) => ticks / TicksPerSecond;

    /// <summary>The postmaster and every process whose parent it is (backends, walwriter, ...), including exited ones' children totals.</summary>
    public static long PostgresTicks(int? postmaster)
    {
        if (postmaster is not { } pm) return 0;
        long total = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(dir);
            if (!int.TryParse(name, out var pid)) continue;
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var ppid = int.Parse(fields[1]);
                if (pid == pm)
                    // the postmaster's own time plus its reaped children's (cutime, cstime): backends that already exited
                    total += long.Parse(fields[11]) + long.Parse(fields[12]) + long.Parse(fields[13]) + long.Parse(fields[14]);
                else if (ppid == pm)
                    total += long.Parse(fields[11]) + long.Parse(fields[12]);
            }
            catch (Exception) { }
        }
        return total;
    }

    /// <summary>(VmHWM, VmRSS) in MiB.</summary>
    public static (double PeakMb, double RssMb) Memory(int pid)
    {
        double hwm = 0, rss = 0;
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:")) hwm = Kb(line) / 1024.0;
                else if (line.StartsWith("VmRSS:")) rss = Kb(line) / 1024.0;
            }
        }
        catch (Exception) { }
        return (hwm, rss);
        static long Kb(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
    }

    /// <summary>Resets VmHWM to the current RSS (Linux clear_refs 5), so a peak belongs to one scenario.</summary>
    public static void ResetPeak(int pid)
    {
        try { File.WriteAllText($"/proc/{pid}/clear_refs", "5"); } catch (Exception) { }
    }
}

/// <summary>CPU use of the app, PostgreSQL and this process (the load generator) over one measured run, in % of one core.</summary>
public sealed class CpuMeter
{
    private readonly int? _app;
    private readonly int? _postmaster;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly long _app0, _pg0;
    private readonly TimeSpan _self0;

    public CpuMeter(int? app, int? postmaster)
    {
        _app = app;
        _postmaster = postmaster;
        _app0 = app is { } a ? ProcStat.CpuTicks(a) : 0;
        _pg0 = ProcStat.PostgresTicks(postmaster);
        _self0 = Process.GetCurrentProcess().TotalProcessorTime;
    }

    public CpuUse Stop()
    {
        var wall = _clock.Elapsed.TotalSeconds;
        var app = _app is { } a ? ProcStat.Seconds(ProcStat.CpuTicks(a) - _app0) : 0;
        var pg = ProcStat.Seconds(ProcStat.PostgresTicks(_postmaster) - _pg0);
        var self = (Process.GetCurrentProcess().TotalProcessorTime - _self0).TotalSeconds;
        return new CpuUse(100 * app / wall, 100 * pg / wall, 100 * self / wall);
    }
}

public sealed record CpuUse(double AppPct, double PgPct, double BenchPct)
{
    public static CpuUse Median(IEnumerable<CpuUse> all)
    {
        var list = all.ToList();
        if (list.Count == 0) return new CpuUse(0, 0, 0);
        return new CpuUse(Stats.Median(list.Select(c => c.AppPct)), Stats.Median(list.Select(c => c.PgPct)), Stats.Median(list.Select(c => c.BenchPct)));
    }

    public override string ToString() => $"app {AppPct:0}% pg {PgPct:0}% bench {BenchPct:0}%";
}

/// <summary>Samples a process's RSS every 50 ms (VmHWM is also read; this catches the shape).</summary>
public sealed class MemSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    public double MaxRssMb { get; private set; }

    public MemSampler(int pid)
    {
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                MaxRssMb = Math.Max(MaxRssMb, ProcStat.Memory(pid).RssMb);
                try { await Task.Delay(50, _stop.Token); } catch (OperationCanceledException) { }
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _loop;
    }
}

public static class Stats
{
    public static double Median(IEnumerable<double> values)
    {
        var s = values.OrderBy(v => v).ToArray();
        if (s.Length == 0) return double.NaN;
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }

    /// <summary>Nearest-rank percentile of a sorted array.</summary>
    public static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}

public sealed record RunResult(int Ok, int Failed, double Seconds, double[] LatenciesMs, CpuUse Cpu)
{
    public double PerSecond => Ok / Seconds;
    public double P50 => Stats.Percentile(LatenciesMs, 50);
    public double P99 => Stats.Percentile(LatenciesMs, 99);
}

/// <summary>Closed-loop (N workers, back to back) and open-loop (fixed rate, latency from the intended start) load.</summary>
public static class Load
{
    /// <summary>Workers run op(worker, i) back to back for the duration (or maxOps in all); op returns success.</summary>
    public static async Task<RunResult> Closed(int workers, TimeSpan duration, int maxOps, Func<int, int, Task<bool>> op, Func<CpuMeter> meter)
    {
        var latencies = new List<double>[workers];
        var ok = 0; var failed = 0; var issued = 0;
        var cpu = meter();
        var clock = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<double>();
            var i = 0;
            while (clock.Elapsed < duration && Interlocked.Increment(ref issued) <= maxOps)
            {
                var t0 = Stopwatch.GetTimestamp();
                bool success;
                try { success = await op(w, i++); }
                catch (Exception) { success = false; }
                var ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                if (success) { mine.Add(ms); Interlocked.Increment(ref ok); }
                else Interlocked.Increment(ref failed);
            }
        })).ToArray();
        await Task.WhenAll(tasks);
        var seconds = clock.Elapsed.TotalSeconds;
        var use = cpu.Stop();
        return new RunResult(ok, failed, seconds, latencies.SelectMany(l => l).OrderBy(x => x).ToArray(), use);
    }

    /// <summary>count operations at a fixed rate; each latency runs from its scheduled start (no coordinated omission).</summary>
    public static async Task<RunResult> Open(double perSecond, int count, Func<int, Task<bool>> op, Func<CpuMeter> meter, int maxOutstanding = 256)
    {
        var latencies = new double[count];
        var success = new bool[count];
        var gate = new SemaphoreSlim(maxOutstanding);
        var cpu = meter();
        var clock = Stopwatch.StartNew();
        var tasks = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds(i / perSecond);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
            await gate.WaitAsync();
            var n = i;
            tasks.Add(Task.Run(async () =>
            {
                try { success[n] = await op(n); }
                catch (Exception) { success[n] = false; }
                finally
                {
                    latencies[n] = (clock.Elapsed - due).TotalMilliseconds;
                    gate.Release();
                }
            }));
        }
        await Task.WhenAll(tasks);
        var seconds = clock.Elapsed.TotalSeconds;
        var use = cpu.Stop();
        var ok = latencies.Where((_, i) => success[i]).OrderBy(x => x).ToArray();
        return new RunResult(ok.Length, count - ok.Length, seconds, ok, use);
    }
}
