using System.Globalization;
using CsvHelper;
using MiniExcelLibs;
using ProjectLedger.Dashboards;

namespace ProjectLedger.Exports;

/// <summary>A table to export: its name (the file's and the field dictionary's), its columns and its rows, read as they are written.</summary>
public sealed record Table(string Name, IReadOnlyList<string> Columns, IAsyncEnumerable<object?[]> Rows)
{
    public static Table Of(string name, IReadOnlyList<string> columns, IEnumerable<object?[]> rows) => new(name, columns, rows.ToAsyncEnumerable());
}

/// <summary>Writes a table as CSV (streamed row by row) or XLSX (built in a temporary file, then streamed): memory stays flat whatever the rows.</summary>
public static class TableWriter
{
    public const string Csv = "csv";
    public const string Xlsx = "xlsx";

    public static IResult Result(Table table, string format) => format == Xlsx
        ? Results.Stream(async body => await WriteXlsx(table, body), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", table.Name + ".xlsx")
        : Results.Stream(async body => await WriteCsv(table, body), "text/csv; charset=utf-8", table.Name + ".csv");

    public static async Task WriteCsv(Table table, Stream body, CancellationToken ct = default)
    {
        // A byte-order mark, so that spreadsheet programs read the UTF-8 (ä, ö, å) as such.
        await body.WriteAsync(System.Text.Encoding.UTF8.Preamble.ToArray(), ct);
        await using var csv = CsvWriter.Create(body, null, leaveOpen: true);
        await csv.WriteRecordAsync([.. table.Columns], ct);
        await foreach (var row in table.Rows.WithCancellation(ct))
            await csv.WriteRecordAsync(row.Select(Text).ToArray(), ct);
        await csv.FlushAsync(ct);
    }

    public static async Task WriteXlsx(Table table, Stream body, CancellationToken ct = default)
    {
        var path = Path.Combine(Path.GetTempPath(), $"ledger-export-{Guid.NewGuid():N}.xlsx");
        try
        {
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920))
            {
                // MiniExcel reads its rows synchronously: give it its own thread and the rows one at a time.
                await Task.Run(() => file.SaveAs(Rows(table, ct), sheetName: table.Name), ct);
            }
            await using var read = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
            await read.CopyToAsync(body, ct);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static IEnumerable<IDictionary<string, object?>> Rows(Table table, CancellationToken ct)
    {
        foreach (var row in table.Rows.ToBlockingEnumerable(ct))
        {
            var record = new Dictionary<string, object?>(table.Columns.Count);
            for (var i = 0; i < table.Columns.Count; i++) record[table.Columns[i]] = Cell(row[i]);
            yield return record;
        }
    }

    private static object? Cell(object? value) => value switch
    {
        PrivateCount c => c.Value is { } n ? n : PrivateCount.Hidden,
        DateTimeOffset t => t.UtcDateTime,
        DateOnly d => d.ToDateTime(TimeOnly.MinValue),
        Enum e => e.ToString(),
        IEnumerable<string> list => string.Join("; ", list),
        _ => value,
    };

    private static string Text(object? value) => value switch
    {
        null => "",
        PrivateCount c => c.ToString(),
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable<string> list => string.Join("; ", list),
        _ => value.ToString() ?? "",
    };
}
