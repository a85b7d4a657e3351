using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ProjectLedger.Dashboards;

/// <summary>
/// The live dashboards as last sent, per dashboard, scope, reader (small counts shown or not) and day,
/// for as long as the dashboards projection has not moved on. Its documents change only when the
/// projection commits a batch, and it records its progress in the same transaction; so a GET reads
/// that one row and, when nothing moved since, sends the bytes it sent before instead of loading
/// and serialising the documents again (a county's pilots board is 200 cards, about 80 KB).
/// Every node checks the database, so a node that does not run the projection is never behind.
/// </summary>
public sealed class DashboardCache(NpgsqlDataSource dataSource, Streams.LedgerTables tables, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    /// <summary>Themes are free text: past this many entries the cache starts over rather than grow.</summary>
    public const int MaxEntries = 2000;

    private readonly ConcurrentDictionary<(string Dashboard, string Scope, bool Reveal, DateOnly Today), Entry> _entries = new();

    private sealed record Entry(Progress Progress, CachedAnswer Answer);

    private readonly record struct Progress(long Sequence, DateTimeOffset? At);

    public async Task<IResult> Read(string dashboard, DashboardScope scope, bool reveal, DateOnly today, Func<Task<object>> load, CancellationToken ct)
    {
        var progress = await ReadProgress(ct);
        var key = (dashboard, scope.Id, reveal, today);
        if (_entries.TryGetValue(key, out var known) && known.Progress == progress) return known.Answer;

        // Loaded after the progress was read: never older than the progress it is kept under.
        var value = await load();
        var answer = new CachedAnswer(value, JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), json.Value.SerializerOptions));
        if (_entries.Count >= MaxEntries) _entries.Clear();
        _entries[key] = new Entry(progress, answer);
        return answer;
    }

    /// <summary>Where the dashboards projection stands (its sequence and when it last moved: a rebuild restarts both).</summary>
    private async Task<Progress> ReadProgress(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"select last_seq_id, last_updated from {tables.Schema}.mt_event_progression where name = $1");
        command.Parameters.AddWithValue(LedgerRebuild.Shard);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return new Progress(-1, null);
        return new Progress(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1));
    }
}

/// <summary>A 200 with the figures serialised once; the figures themselves stay at hand (the CSV and XLSX export reads them).</summary>
public sealed class CachedAnswer(object value, byte[] json) : IResult, IStatusCodeHttpResult, IValueHttpResult, IContentTypeHttpResult
{
    public int? StatusCode => StatusCodes.Status200OK;
    public object? Value => value;
    public string ContentType => "application/json; charset=utf-8";

    public Task ExecuteAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = ContentType;
        http.Response.ContentLength = json.Length;
        return http.Response.Body.WriteAsync(json, http.RequestAborted).AsTask();
    }
}
