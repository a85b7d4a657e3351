using System.CommandLine;
using System.IO.Pipelines;
using ProjectLedger.Hosting;
using ProjectLedger.Streams;

namespace ProjectLedger.Audit;

/// <summary>`export --out FILE [--county] [--from] [--to]`: the event log as NDJSON, as GET /api/audit/export gives it.</summary>
public sealed class ExportCommand : LedgerCommand
{
    private readonly Option<FileInfo> _out = new("--out", "-o")
    {
        Description = "The NDJSON file to write (one event a line, in sequence order)",
        Required = true,
    };
    private readonly Option<string?> _county = new("--county") { Description = "Only this county's streams (a slug such as vantaa-kerava)" };
    private readonly Option<DateTimeOffset?> _from = new("--from") { Description = "Only events at or after this time (ISO 8601)" };
    private readonly Option<DateTimeOffset?> _to = new("--to") { Description = "Only events before this time (ISO 8601)" };

    public ExportCommand()
    {
        Definition = new Command("export", "Write the event log as NDJSON with every event's metadata and hash") { _out, _county, _from, _to };
    }

    public override Command Definition { get; }

    public override async Task<int> RunAsync(ParseResult parsed, IServiceProvider services, CancellationToken ct)
    {
        var file = parsed.GetRequiredValue(_out);
        if (file.Directory is { Exists: false } folder)
            throw new CommandFailure($"the folder {folder.FullName} does not exist", LedgerExit.Unavailable);
        var county = parsed.GetValue(_county);
        if (county is not null && !Counties.CountyCatalog.Exists(county))
            throw new CommandFailure($"there is no county '{county}'; GET /api/counties lists them", LedgerExit.Usage);

        var export = services.GetRequiredService<EventExport>();
        var head = await services.GetRequiredService<LedgerTables>().EventLogHeadAsync(ct);
        var lines = await LedgerProgress.RunAsync(async progress =>
        {
            var bar = progress.AddBar($"Exporting to {file.Name}", head);
            await using var stream = file.Create();
            var writer = PipeWriter.Create(stream);
            var written = await export.WriteAsync(writer, county, null, parsed.GetValue(_from), parsed.GetValue(_to), ct,
                new Progress<long>(sequence => bar.Value = sequence));
            await writer.CompleteAsync();
            bar.Value = bar.MaxValue;
            bar.StopTask();
            return written;
        });
        Console.WriteLine($"Exported {lines} events to {file.FullName}.");
        return LedgerExit.Ok;
    }
}
