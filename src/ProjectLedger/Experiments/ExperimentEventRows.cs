using System.Runtime.CompilerServices;
using JasperFx.Events;
using Marten;
using Npgsql;
using ProjectLedger.Streams;

namespace ProjectLedger.Experiments;

/// <summary>One stored experiment event: what the fold needs, and where it sits in the log.</summary>
public readonly record struct ExperimentEventRow(Guid StreamId, long Sequence, long Version, DateTimeOffset Timestamp, object Data);

/// <summary>
/// Experiment events straight from mt_events: only the columns the fold needs, streamed, deserialised
/// with Marten's serializer and upcast as Marten would (Decode; ExperimentAsOf reads one stream with it).
/// </summary>
public sealed class ExperimentEventRows
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly ISerializer _serializer;
    private readonly Dictionary<string, (Type Stored, Func<object, object>? Upcast)> _types;

    public ExperimentEventRows(NpgsqlDataSource dataSource, IDocumentStore store, LedgerTables tables)
    {
        _dataSource = dataSource;
        _serializer = store.Options.Serializer();
        Schema = tables.Schema;
        _types = LedgerEventTypes.Experiment.Concat(LedgerEventTypes.Superseded).ToDictionary(
            t => t.GetEventTypeName(),
            t => (t, EventUpcasts.ByStoredType.GetValueOrDefault(t)));
        TypeNames = [.. _types.Keys];
    }

    public string Schema { get; }
    public string[] TypeNames { get; }
    public NpgsqlDataSource DataSource => _dataSource;

    /// <summary>Rows of `select stream_id, seq_id, version, timestamp, type, data from mt_events e where {condition} order by {order}`.</summary>
    public async IAsyncEnumerable<ExperimentEventRow> Read(string condition, string order, IReadOnlyList<object> parameters,
        [EnumeratorCancellation] CancellationToken ct)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand($"""
            select e.stream_id, e.seq_id, e.version, e.timestamp, e.type, e.data from {Schema}.mt_events e
             where e.type = any($1) and not e.is_archived and ({condition})
             order by {order}
            """, connection) { CommandTimeout = 0 };
        command.Parameters.Add(new NpgsqlParameter { Value = TypeNames });
        foreach (var p in parameters) command.Parameters.Add(new NpgsqlParameter { Value = p });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var data = Decode(reader.GetString(4), reader, 5);
            yield return new ExperimentEventRow(reader.GetGuid(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetFieldValue<DateTimeOffset>(3), data);
        }
    }

    /// <summary>An experiment event's data from its stored type name and the data column at <paramref name="ordinal"/>, upcast to today's shape.</summary>
    public object Decode(string type, NpgsqlDataReader reader, int ordinal)
    {
        if (!_types.TryGetValue(type, out var mapping))
            throw new InvalidOperationException($"Stored event type '{type}' is not known to this version of ProjectLedger.");
        var data = _serializer.FromJson(mapping.Stored, reader, ordinal);
        return mapping.Upcast is { } upcast ? upcast(data) : data;
    }

    /// <summary>Rows of one stream (or several), in sequence order, folded per stream.</summary>
    public static Dictionary<Guid, Experiment> Fold(IEnumerable<ExperimentEventRow> rows)
    {
        var states = new Dictionary<Guid, Experiment>();
        foreach (var e in rows)
        {
            states.TryGetValue(e.StreamId, out var state);
            if (Experiment.Evolve(state, e.StreamId, e.Data, e.Version, e.Timestamp) is { } next) states[e.StreamId] = next;
        }
        return states;
    }
}
