using JasperFx.Events;
using Marten;
using Npgsql;
using ProjectLedger.Hosting;
using ProjectLedger.Streams;

namespace ProjectLedger.Experiments;

/// <summary>
/// An experiment as it stood at a version or a moment: the stream's rows up to it — only the four
/// columns the fold needs, no metadata — decoded as the dashboards decode them (ExperimentEventRows)
/// and folded with the same fold as the live snapshot.
/// </summary>
public sealed class ExperimentAsOf
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly ExperimentEventRows _events;
    private readonly string _sql;

    public ExperimentAsOf(NpgsqlDataSource dataSource, ExperimentEventRows events, LedgerTables tables)
    {
        _dataSource = dataSource;
        _events = events;
        _sql = $"""
            select version, type, timestamp, data from {tables.Schema}.mt_events
             where stream_id = $1 and version <= $2 and timestamp <= $3
             order by version
            """;
    }

    public async Task<Experiment?> At(Guid id, long? version, DateTimeOffset? at, CancellationToken ct)
    {
        await using var command = _dataSource.CreateCommand(_sql);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = version ?? long.MaxValue });
        command.Parameters.Add(new NpgsqlParameter { Value = at ?? DateTimeOffset.MaxValue });
        await using var reader = await command.ExecuteReaderAsync(ct);
        Experiment? state = null;
        while (await reader.ReadAsync(ct))
        {
            var data = _events.Decode(reader.GetString(1), reader, 3);
            state = Experiment.Evolve(state, id, data, reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(2));
        }
        return state;
    }
}
