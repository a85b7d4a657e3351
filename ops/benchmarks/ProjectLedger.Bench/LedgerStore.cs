using JasperFx.Events;
using Marten;
using Npgsql;
using NpgsqlTypes;
using ProjectLedger.Audit;

namespace ProjectLedger.Bench;

/// <summary>
/// A Marten store configured by the app's own LedgerMartenSetup.ConfigureStore (minus Wolverine),
/// so the bench writes the same schema, the same payloads and the same metadata.
/// </summary>
public static class LedgerStore
{
    public static DocumentStore Create(string connection, string schema) => DocumentStore.For(opts =>
    {
        opts.Connection(connection);
        Hosting.LedgerMartenSetup.ConfigureStore(opts, schema);
    });

    /// <summary>Marten's schema plus the audit hash-chain trigger, as the app's LedgerSchema does at start-up.</summary>
    public static async Task EnsureSchema(DocumentStore store, NpgsqlDataSource data, string schema)
    {
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
    }

    public static async Task Exec(NpgsqlDataSource data, string sql)
    {
        await using var command = data.CreateCommand(sql);
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<long> Scalar(NpgsqlDataSource data, string sql)
    {
        await using var command = data.CreateCommand(sql);
        command.CommandTimeout = 600;
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}

/// <summary>The event type names, .NET type names and JSON that Marten writes, for the twins.</summary>
public sealed class EventRows(DocumentStore store)
{
    private readonly Dictionary<Type, (string Alias, string DotNet)> _names = new();
    private readonly Dictionary<string, Type> _byAlias = LedgerEventTypes.All.ToDictionary(t => store.Events.EventMappingFor(t).EventTypeName, t => t);
    public Marten.ISerializer Serializer { get; } = store.Options.Serializer();

    public (string Alias, string DotNet) Names(Type type)
    {
        lock (_names)
        {
            if (!_names.TryGetValue(type, out var n))
                _names[type] = n = (store.Events.EventMappingFor(type).EventTypeName, $"{type.FullName}, {type.Assembly.GetName().Name}");
            return n;
        }
    }

    public Type TypeOf(string alias) => _byAlias[alias];

    public string Json(object value) => Serializer.ToJson(value);

    /// <summary>COPY of events (and their streams) exactly as Marten's bulk append lays them out; the trigger still chains them.</summary>
    public async Task<long> Copy(NpgsqlDataSource data, string schema, IReadOnlyList<(Guid Id, string AggregateAlias, IReadOnlyList<IEvent> Events)> streams)
    {
        await using var connection = await data.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var total = streams.Sum(s => s.Events.Count);
        long first;
        await using (var reserve = new NpgsqlCommand(
                         $"select nextval('{schema}.mt_events_sequence') from generate_series(1, {Math.Max(1, total)}) order by 1 limit 1", connection, tx))
        {
            first = Convert.ToInt64(await reserve.ExecuteScalarAsync());
        }
        await using (var streamsCopy = await connection.BeginBinaryImportAsync(
                         $"COPY {schema}.mt_streams (id, type, version, timestamp, created, tenant_id) FROM STDIN BINARY"))
        {
            var now = DateTimeOffset.UtcNow;
            foreach (var (id, alias, events) in streams)
            {
                await streamsCopy.StartRowAsync();
                await streamsCopy.WriteAsync(id, NpgsqlDbType.Uuid);
                await streamsCopy.WriteAsync(alias, NpgsqlDbType.Varchar);
                await streamsCopy.WriteAsync((long)events.Count, NpgsqlDbType.Bigint);
                await streamsCopy.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await streamsCopy.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await streamsCopy.WriteAsync("*DEFAULT*", NpgsqlDbType.Varchar);
            }
            await streamsCopy.CompleteAsync();
        }
        var seq = first;
        await using (var eventsCopy = await connection.BeginBinaryImportAsync(
                         $"COPY {schema}.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, correlation_id, causation_id, headers, user_name, is_archived) FROM STDIN BINARY"))
        {
            foreach (var (id, _, events) in streams)
                foreach (var e in events)
                {
                    var (alias, dotnet) = Names(e.EventType);
                    await eventsCopy.StartRowAsync();
                    await eventsCopy.WriteAsync(seq++, NpgsqlDbType.Bigint);
                    await eventsCopy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                    await eventsCopy.WriteAsync(id, NpgsqlDbType.Uuid);
                    await eventsCopy.WriteAsync(e.Version, NpgsqlDbType.Bigint);
                    await eventsCopy.WriteAsync(Json(e.Data), NpgsqlDbType.Jsonb);
                    await eventsCopy.WriteAsync(alias, NpgsqlDbType.Varchar);
                    await eventsCopy.WriteAsync(e.Timestamp, NpgsqlDbType.TimestampTz);
                    await eventsCopy.WriteAsync("*DEFAULT*", NpgsqlDbType.Varchar);
                    await eventsCopy.WriteAsync(dotnet, NpgsqlDbType.Varchar);
                    await WriteNullable(eventsCopy, e.CorrelationId, NpgsqlDbType.Varchar);
                    await WriteNullable(eventsCopy, e.CausationId, NpgsqlDbType.Varchar);
                    await WriteNullable(eventsCopy, e.Headers is { Count: > 0 } h ? Json(h) : null, NpgsqlDbType.Jsonb);
                    await WriteNullable(eventsCopy, e.UserName, NpgsqlDbType.Varchar);
                    await eventsCopy.WriteAsync(false, NpgsqlDbType.Boolean);
                }
            await eventsCopy.CompleteAsync();
        }
        await tx.CommitAsync();
        return total;
    }

    private static async Task WriteNullable(NpgsqlBinaryImporter copy, string? value, NpgsqlDbType type)
    {
        if (value is null) await copy.WriteNullAsync();
        else await copy.WriteAsync(value, type);
    }
}
