using System.Diagnostics.Metrics;
using Marten;
using Npgsql;
using ProjectLedger.Streams;

namespace ProjectLedger.Dashboards;

/// <summary>
/// projectledger.projection.lag: how many events each asynchronous projection shard is behind the
/// head of the event log, read every few seconds (a metrics callback must not wait for the database).
/// With several nodes each reports the same shared figure; take the maximum, not the sum.
/// </summary>
public sealed class ProjectionLagMeter : BackgroundService
{
    public const string MeterName = "ProjectLedger";
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);

    private readonly IDocumentStore _store;
    private readonly LedgerTables _tables;
    private readonly ILogger<ProjectionLagMeter> _logger;
    private volatile IReadOnlyList<Measurement<long>> _lags = [];
    private long _head = -1;

    public ProjectionLagMeter(IDocumentStore store, LedgerTables tables, IMeterFactory meters, ILogger<ProjectionLagMeter> logger)
    {
        _store = store;
        _tables = tables;
        _logger = logger;
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("projectledger.projection.lag", () => _lags, unit: "{event}",
            description: "Events appended to the log that the projection shard has not applied yet");
        meter.CreateObservableGauge("projectledger.eventlog.head", () => Interlocked.Read(ref _head) is var head and >= 0 ? [new Measurement<long>(head)] : Array.Empty<Measurement<long>>(),
            unit: "{event}", description: "The sequence number of the last event in the log");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every);
        do
        {
            try
            {
                var head = await _tables.EventLogHeadAsync(stoppingToken);
                var shards = await _store.Advanced.AllProjectionProgress(token: stoppingToken);
                _lags = shards.Where(s => s.ShardName != "HighWaterMark")
                    .Select(s => new Measurement<long>(Math.Max(0, head - s.Sequence), new KeyValuePair<string, object?>("projection.shard", s.ShardName)))
                    .ToList();
                Interlocked.Exchange(ref _head, head);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                _logger.LogDebug(e, "projection lag not read this time");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
