using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Npgsql;
using ProjectLedger.Hosting;
using ProjectLedger.Streams;

namespace ProjectLedger.Audit;

/// <summary>One line of the NDJSON export, as <see cref="EventExport"/> writes it (the OpenAPI document names it).</summary>
public sealed record ExportedEvent(
    long Sequence, Guid StreamId, long Version, string Type, DateTimeOffset Timestamp,
    System.Text.Json.Nodes.JsonObject Data, System.Text.Json.Nodes.JsonObject Metadata, string? CorrelationId, string? UserName);

/// <summary>
/// Writes the event log as NDJSON: one event a line with its metadata and hash, its leaf index and
/// leaf hash in the transparency log (null until the log takes it in, within a second), in sequence order.
/// Rows are read from one server-side cursor and written as they arrive, so memory stays flat
/// whatever the size of the log.
/// </summary>
public sealed class EventExport(NpgsqlDataSource dataSource, LedgerTables tables)
{
    private const int FlushEveryBytes = 64 * 1024;

    /// <param name="progress">Told the sequence number written last, at every flush.</param>
    public async Task<long> WriteAsync(PipeWriter output, string? county, Guid? streamId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken ct,
        IProgress<long>? progress = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand(Sql(county is not null), connection);
        if (county is not null) command.Parameters.AddWithValue("county", county);
        command.Parameters.AddWithValue("stream", (object?)streamId ?? DBNull.Value).NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid;
        command.Parameters.AddWithValue("from", (object?)from ?? DBNull.Value).NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz;
        command.Parameters.AddWithValue("to", (object?)to ?? DBNull.Value).NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz;
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);

        var lines = 0L;
        var buffered = 0L;
        await using var json = new Utf8JsonWriter((IBufferWriter<byte>)output, new JsonWriterOptions { SkipValidation = true });
        while (await reader.ReadAsync(ct))
        {
            json.Reset();
            json.WriteStartObject();
            var sequence = reader.GetInt64(0);
            json.WriteNumber("sequence", sequence);
            json.WriteString("streamId", reader.GetGuid(1));
            json.WriteNumber("version", reader.GetInt64(2));
            json.WriteString("type", reader.GetString(3));
            json.WriteString("timestamp", reader.GetFieldValue<DateTimeOffset>(4));
            json.WritePropertyName("data");
            json.WriteRawValue(reader.GetString(5), skipInputValidation: true);
            json.WritePropertyName("metadata");
            json.WriteRawValue(reader.IsDBNull(6) ? "{}" : reader.GetString(6), skipInputValidation: true);
            json.WriteString("correlationId", reader.IsDBNull(7) ? null : reader.GetString(7));
            json.WriteString("userName", reader.IsDBNull(8) ? null : reader.GetString(8));
            if (reader.IsDBNull(9)) json.WriteNull("leafIndex");
            else json.WriteNumber("leafIndex", reader.GetInt64(9));
            json.WriteString("leafHash", reader.IsDBNull(10) ? null : Convert.ToBase64String(reader.GetFieldValue<byte[]>(10)));
            json.WriteEndObject();
            json.Flush();
            output.Write("\n"u8);
            buffered += json.BytesCommitted + 1;
            lines++;
            if (buffered >= FlushEveryBytes)
            {
                buffered = 0;
                progress?.Report(sequence);
                var flushed = await output.FlushAsync(ct);
                if (flushed.IsCanceled || flushed.IsCompleted) break;
            }
        }
        await output.FlushAsync(ct);
        return lines;
    }

    private string Sql(bool byCounty) => $"""
        select e.seq_id, e.stream_id, e.version, e.type, e.timestamp, e.data::text, e.headers::text, e.correlation_id, e.user_name,
               l.leaf_index, l.leaf_hash
          from {tables.Schema}.mt_events e
          left join {tables.Schema}.{LogSchema.Leaves} l on l.seq_id = e.seq_id
         where e.stream_id <> '00000000-0000-0000-0000-000000000000'
           {(byCounty ? $"""
           and e.stream_id in (select id from {tables.Schema}.mt_doc_experiment where county = @county
                               union all
                               select id from {tables.Schema}.mt_doc_project where data ->> 'county' = @county)
           """ : "")}
           and (@stream is null or e.stream_id = @stream)
           and (@from is null or e.timestamp >= @from)
           and (@to is null or e.timestamp < @to)
         order by e.seq_id
        """;
}
