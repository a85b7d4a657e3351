using JasperFx.Events;
using Marten;
using Npgsql;
using ProjectLedger.Hosting;
using ProjectLedger.Streams;

namespace ProjectLedger.Experiments;

/// <summary>
/// An experiment as it stood at a version or a moment: the stream's rows up to it — only the four
/// columns the fold needs, no metadata — deserialised with Marten's serializer and folded with the
/// same fold as the live snapshot. Event types are resolved through a map built once.
/// </summary>
public sealed class ExperimentAsOf
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly ISerializer _serializer;
    private readonly string _sql;
    private readonly Dictionary<string, (Type Stored, Func<object, object>? Upcast)> _types;

    public ExperimentAsOf(NpgsqlDataSource dataSource, IDocumentStore store, LedgerTables tables)
    {
        _dataSource = dataSource;
        _serializer = store.Options.Serializer();
        _sql = $"""
            select version, type, timestamp, data from {tables.Schema}.mt_events
             where stream_id = $1 and version <= $2 and timestamp <= $3
             order by version
            """;
        _types = LedgerEventTypes.All.ToDictionary(
            t => t.GetEventTypeName(),
            t => (t, EventUpcasts.ByStoredType.GetValueOrDefault(t)));
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
            var type = reader.GetString(1);
            if (!_types.TryGetValue(type, out var mapping))
                throw new InvalidOperationException($"Stored event type '{type}' is not known to this version of ProjectLedger.");
            var data = _serializer.FromJson(mapping.Stored, reader, 3);
            if (mapping.Upcast is { } upcast) data = upcast(data);
            state = Experiment.Evolve(state, id, data, reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(2));
        }
        return state;
    }
}
