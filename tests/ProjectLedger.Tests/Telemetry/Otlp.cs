using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ProjectLedger.Tests.Telemetry;

public sealed record OtlpSpan(string TraceId, string SpanId, string ParentSpanId, string Name, int Kind, string Scope, IReadOnlyDictionary<string, string> Attributes);

public sealed record OtlpMetric(string Name, string Scope, IReadOnlyList<IReadOnlyDictionary<string, string>> PointAttributes);

/// <summary>
/// An OTLP/HTTP receiver (protobuf, as the OpenTelemetry exporter sends with
/// OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf) on a free local port, decoding what it gets with
/// <see cref="Protobuf"/>: the spans and the metric names, nothing more.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    public ConcurrentBag<OtlpSpan> Spans { get; } = [];
    public ConcurrentBag<OtlpMetric> Metrics { get; } = [];
    public string Endpoint { get; private set; } = "";

    private OtlpReceiver()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/v1/traces", async (HttpRequest request) => { Decode.Traces(await Body(request), Spans); return Ok(); });
        _app.MapPost("/v1/metrics", async (HttpRequest request) => { Decode.Metrics(await Body(request), Metrics); return Ok(); });
        _app.MapPost("/v1/logs", () => Ok());
    }

    public static async Task<OtlpReceiver> Start()
    {
        var receiver = new OtlpReceiver();
        await receiver._app.StartAsync();
        receiver.Endpoint = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return receiver;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static IResult Ok() => Results.Bytes([], "application/x-protobuf");

    private static async Task<byte[]> Body(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        if (request.Headers.ContentEncoding.ToString() != "gzip") return buffer.ToArray();
        buffer.Position = 0;
        using var unzipped = new MemoryStream();
        await using (var gzip = new GZipStream(buffer, CompressionMode.Decompress)) await gzip.CopyToAsync(unzipped);
        return unzipped.ToArray();
    }

    /// <summary>The few OTLP messages (opentelemetry-proto) the test reads, by field number.</summary>
    private static class Decode
    {
        public static void Traces(byte[] request, ConcurrentBag<OtlpSpan> into)
        {
            foreach (var resourceSpans in Protobuf.Messages(request, 1))          // ExportTraceServiceRequest.resource_spans
            foreach (var scopeSpans in Protobuf.Messages(resourceSpans, 2))       // ResourceSpans.scope_spans
            {
                var scope = Protobuf.Messages(scopeSpans, 1).Select(s => Protobuf.String(s, 1)).FirstOrDefault() ?? "";
                foreach (var span in Protobuf.Messages(scopeSpans, 2))            // ScopeSpans.spans
                    into.Add(new OtlpSpan(
                        Protobuf.Hex(span, 1), Protobuf.Hex(span, 2), Protobuf.Hex(span, 4),
                        Protobuf.String(span, 5) ?? "", (int)Protobuf.Varint(span, 6), scope,
                        Attributes(span, 9)));
            }
        }

        public static void Metrics(byte[] request, ConcurrentBag<OtlpMetric> into)
        {
            foreach (var resourceMetrics in Protobuf.Messages(request, 1))        // ExportMetricsServiceRequest.resource_metrics
            foreach (var scopeMetrics in Protobuf.Messages(resourceMetrics, 2))   // ResourceMetrics.scope_metrics
            {
                var scope = Protobuf.Messages(scopeMetrics, 1).Select(s => Protobuf.String(s, 1)).FirstOrDefault() ?? "";
                foreach (var metric in Protobuf.Messages(scopeMetrics, 2))        // ScopeMetrics.metrics
                {
                    // Metric.gauge 5 and sum 7 hold NumberDataPoints (attributes 7), histogram 9 HistogramDataPoints
                    // (attributes 9), exponential_histogram 10 ExponentialHistogramDataPoints (attributes 1); data_points is field 1.
                    var points = new (int Data, int Attributes)[] { (5, 7), (7, 7), (9, 9), (10, 1) }
                        .SelectMany(kind => Protobuf.Messages(metric, kind.Data)
                            .SelectMany(data => Protobuf.Messages(data, 1))
                            .Select(point => (IReadOnlyDictionary<string, string>)Attributes(point, kind.Attributes)))
                        .ToList();
                    into.Add(new OtlpMetric(Protobuf.String(metric, 1) ?? "", scope, points));
                }
            }
        }

        /// <summary>KeyValue { key = 1; AnyValue value = 2 { string 1, bool 2, int 3, double 4 } }, as text.</summary>
        private static Dictionary<string, string> Attributes(ReadOnlyMemory<byte> message, int field)
        {
            var attributes = new Dictionary<string, string>();
            foreach (var pair in Protobuf.Messages(message, field))
            {
                var key = Protobuf.String(pair, 1) ?? "";
                var value = Protobuf.Messages(pair, 2).FirstOrDefault();
                attributes[key] = Protobuf.String(value, 1) ?? (Protobuf.Has(value, 3) ? Protobuf.Varint(value, 3).ToString()
                    : Protobuf.Has(value, 2) ? (Protobuf.Varint(value, 2) != 0).ToString() : "");
            }
            return attributes;
        }
    }
}

/// <summary>A minimal protocol-buffers wire-format reader: enough to walk OTLP messages by field number.</summary>
public static class Protobuf
{
    private readonly record struct Field(int Number, int WireType, ulong Varint, ReadOnlyMemory<byte> Bytes);

    public static IEnumerable<ReadOnlyMemory<byte>> Messages(ReadOnlyMemory<byte> message, int number) =>
        Fields(message).Where(f => f.Number == number && f.WireType == 2).Select(f => f.Bytes);

    public static string? String(ReadOnlyMemory<byte> message, int number) =>
        Messages(message, number).Select(b => Encoding.UTF8.GetString(b.Span)).Cast<string?>().FirstOrDefault();

    public static string Hex(ReadOnlyMemory<byte> message, int number) =>
        Messages(message, number).Select(b => Convert.ToHexString(b.Span).ToLowerInvariant()).FirstOrDefault() ?? "";

    public static ulong Varint(ReadOnlyMemory<byte> message, int number) =>
        Fields(message).Where(f => f.Number == number && f.WireType == 0).Select(f => f.Varint).FirstOrDefault();

    public static bool Has(ReadOnlyMemory<byte> message, int number) => Fields(message).Any(f => f.Number == number);

    private static List<Field> Fields(ReadOnlyMemory<byte> message)
    {
        var fields = new List<Field>();
        var bytes = message.Span;
        var at = 0;
        while (at < bytes.Length)
        {
            var tag = ReadVarint(bytes, ref at);
            var (number, wireType) = ((int)(tag >> 3), (int)(tag & 7));
            switch (wireType)
            {
                case 0: fields.Add(new Field(number, 0, ReadVarint(bytes, ref at), default)); break;
                case 1: fields.Add(new Field(number, 1, 0, message.Slice(at, 8))); at += 8; break;
                case 2:
                    var length = (int)ReadVarint(bytes, ref at);
                    fields.Add(new Field(number, 2, 0, message.Slice(at, length)));
                    at += length;
                    break;
                case 5: fields.Add(new Field(number, 5, 0, message.Slice(at, 4))); at += 4; break;
                default: throw new InvalidDataException($"wire type {wireType} at byte {at}: not protobuf, or a group");
            }
        }
        return fields;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> bytes, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0) return value;
        }
    }
}
