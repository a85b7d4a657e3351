using System.Text.RegularExpressions;
using Npgsql;

namespace ProjectLedger.Bench;

/// <summary>One statement's share of a profiled run, per unit of work (event, request).</summary>
public sealed record StatementCost(string Query, bool TopLevel, double CallsPerUnit, double MsPerUnit, double RowsPerUnit);

/// <summary>A profiled run: what PostgreSQL executed (pg_stat_statements) and the CPU each side spent, per unit.</summary>
public sealed record Profile(string Name, string Unit, long Units, double StatementsPerUnit, double ExecMsPerUnit,
    double AppCpuMsPerUnit, double PgCpuMsPerUnit, IReadOnlyList<StatementCost> Top);

/// <summary>
/// pg_stat_statements in the bench's cluster (ops/bench preloads it; track = all, so the statements a
/// trigger runs show too, marked as nested and not counted twice in the totals).
/// </summary>
public sealed class SqlProfile(NpgsqlDataSource data)
{
    public bool Available { get; private set; }

    public async Task<bool> Enable()
    {
        try
        {
            await LedgerStore.Exec(data, "create extension if not exists pg_stat_statements");
            await using var probe = data.CreateCommand("select count(*) from pg_stat_statements");
            await probe.ExecuteScalarAsync();
            return Available = true;
        }
        catch (PostgresException e)
        {
            Log.Say("no SQL profile: " + e.MessageText + " (ops/bench preloads pg_stat_statements)");
            return Available = false;
        }
    }

    public async Task Reset()
    {
        if (Available) await LedgerStore.Exec(data, "select pg_stat_statements_reset()");
    }

    /// <summary>The statements run since Reset, divided by units; the profiler's own queries left out.</summary>
    public async Task<Profile> Read(string name, string unit, long units, CpuUse cpu, double seconds, int top = 40)
    {
        var rows = new List<(string Query, bool TopLevel, long Calls, double Ms, long Rows)>();
        if (Available)
        {
            await using var command = data.CreateCommand("""
                select query, toplevel, calls, total_exec_time, rows from pg_stat_statements
                 where query not ilike '%pg_stat_statements%' and dbid = (select oid from pg_database where datname = current_database())
                """);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                rows.Add((reader.GetString(0), reader.GetBoolean(1), reader.GetInt64(2), reader.GetDouble(3), reader.GetInt64(4)));
        }
        var per = Math.Max(1, units);
        var topLevel = rows.Where(r => r.TopLevel).ToList();
        return new Profile(name, unit, units,
            topLevel.Sum(r => r.Calls) / (double)per,
            topLevel.Sum(r => r.Ms) / per,
            cpu.AppPct / 100 * seconds * 1000 / per,
            cpu.PgPct / 100 * seconds * 1000 / per,
            rows.OrderByDescending(r => r.Ms).Take(top)
                .Select(r => new StatementCost(Regex.Replace(r.Query, @"\s+", " ").Trim(), r.TopLevel, r.Calls / (double)per, r.Ms / per, r.Rows / (double)per)).ToList());
    }

    /// <summary>One line of SQL, schema names and long column lists cut, so a table row stays readable.</summary>
    public static string Shorten(string sql)
    {
        var one = Regex.Replace(sql, @"\b[a-z_]+\.(mt_|ledger_)", "$1");
        return one.Length <= 150 ? one : one[..147] + "...";
    }
}
