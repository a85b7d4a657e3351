using System.Globalization;
using System.Text.Json;

namespace ProjectLedger.Bench;

public sealed record Metric(string Scenario, string Name, double Value, string Unit);

public sealed record RatioRow(string Name, double Value, string Target, bool? Met, string Detail);

/// <summary>Everything measured: printed as a table and as `bench name: value unit` / `ratio name: value` lines, and written as JSON.</summary>
public sealed class Results
{
    private readonly List<Metric> _metrics = [];
    private readonly List<RatioRow> _ratios = [];
    private readonly Dictionary<string, CpuUse> _cpu = [];
    private readonly Dictionary<string, double> _timings = [];
    private readonly List<string> _notes = [];
    private readonly Dictionary<string, object> _sizes = [];
    private readonly List<Profile> _profiles = [];

    public void Bench(string scenario, string name, double value, string unit)
    {
        _metrics.Add(new Metric(scenario, name, value, unit));
        Console.WriteLine(FormattableString.Invariant($"bench {name}: {Fmt(value)} {unit}"));
    }

    /// <summary>target like "&gt;= 0.6" or "&lt;= 5".</summary>
    public void Ratio(string name, double value, string target, string detail)
    {
        bool? met = double.IsFinite(value) ? target.StartsWith(">=") ? value >= Threshold(target) : value <= Threshold(target) : null;
        _ratios.Add(new RatioRow(name, value, target, met, detail));
        Console.WriteLine(FormattableString.Invariant($"ratio {name}: {Fmt(value, 3)}"));
    }

    public void Cpu(string run, CpuUse use) => _cpu[run] = use;
    public void Timing(string phase, double seconds) => _timings[phase] = Math.Round(seconds, 1);
    public void Note(string note) { _notes.Add(note); Log.Say("note: " + note); }
    public void Size(string name, object value) => _sizes[name] = value;
    public object? SizeOf(string name) => _sizes.GetValueOrDefault(name);

    public void Add(Profile profile)
    {
        _profiles.Add(profile);
        Console.WriteLine(FormattableString.Invariant(
            $"profile {profile.Name}: {Fmt(profile.StatementsPerUnit)} statements, {Fmt(profile.ExecMsPerUnit)} ms in PostgreSQL, CPU app {Fmt(profile.AppCpuMsPerUnit)} ms pg {Fmt(profile.PgCpuMsPerUnit)} ms per {profile.Unit}"));
    }

    private static double Threshold(string target) => double.Parse(target[2..].Trim(), CultureInfo.InvariantCulture);

    public static string Fmt(double v, int decimals = -1)
    {
        if (!double.IsFinite(v)) return "NaN";
        if (decimals >= 0) return v.ToString("F" + decimals, CultureInfo.InvariantCulture);
        var abs = Math.Abs(v);
        return v.ToString(abs >= 100 ? "F0" : abs >= 10 ? "F1" : abs >= 1 ? "F2" : "F3", CultureInfo.InvariantCulture);
    }

    public void PrintTable()
    {
        var w = Console.Out;
        w.WriteLine();
        w.WriteLine("== ProjectLedger benchmarks ==");
        foreach (var group in _metrics.GroupBy(m => m.Scenario))
        {
            w.WriteLine($"-- {group.Key}");
            foreach (var m in group) w.WriteLine($"   {m.Name,-48} {Fmt(m.Value),12} {m.Unit}");
        }
        w.WriteLine("-- ratios (real path / twin, medians of interleaved runs)");
        foreach (var r in _ratios)
            w.WriteLine($"   {r.Name,-34} {Fmt(r.Value, 3),8}   target {r.Target,-7} {(r.Met is true ? "MET" : r.Met is false ? "MISSED" : "n/a"),-7} {r.Detail}");
        w.WriteLine("-- CPU (% of one core; the machine has " + Environment.ProcessorCount + ")");
        foreach (var (run, use) in _cpu) w.WriteLine($"   {run,-48} {use}");
        foreach (var p in _profiles)
        {
            w.WriteLine(FormattableString.Invariant(
                $"-- profile {p.Name} ({p.Units} {p.Unit}s): per {p.Unit} {Fmt(p.StatementsPerUnit)} top-level statements, {Fmt(p.ExecMsPerUnit)} ms executing in PostgreSQL; CPU app {Fmt(p.AppCpuMsPerUnit)} ms, postgres {Fmt(p.PgCpuMsPerUnit)} ms"));
            w.WriteLine("   calls   ms     rows   statement (pg_stat_statements by total time; '>' = run inside a trigger or function)");
            foreach (var t in p.Top.Take(14))
                w.WriteLine(FormattableString.Invariant($"   {t.CallsPerUnit,5:0.00} {t.MsPerUnit,6:0.000} {t.RowsPerUnit,6:0.00}  {(t.TopLevel ? "" : "> ")}{SqlProfile.Shorten(t.Query)}"));
        }
        w.WriteLine("-- phase timings (s)");
        foreach (var (phase, s) in _timings) w.WriteLine($"   {phase,-48} {s,8:0.0}");
        foreach (var n in _notes) w.WriteLine("note: " + n);
    }

    public string Write(string dir, bool quick, double totalSeconds)
    {
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, $"results-{DateTime.UtcNow:yyyyMMdd-HHmmss}{(quick ? "-quick" : "")}.json");
        var doc = new
        {
            createdAt = DateTimeOffset.UtcNow,
            quick,
            machine = new { cores = Environment.ProcessorCount, os = Environment.OSVersion.ToString(), dotnet = Environment.Version.ToString() },
            totalSeconds = Math.Round(totalSeconds, 1),
            sizes = _sizes,
            bench = _metrics,
            ratios = _ratios,
            cpu = _cpu,
            profiles = _profiles,
            timings = _timings,
            notes = _notes,
        };
        File.WriteAllText(path, JsonSerializer.Serialize(doc, new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        }));
        return path;
    }
}
