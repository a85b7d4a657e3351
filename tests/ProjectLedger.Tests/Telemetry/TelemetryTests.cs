using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ProjectLedger.Tests.Processes;
using Shouldly;

namespace ProjectLedger.Tests.Telemetry;

/// <summary>
/// The app process exports real OTLP/HTTP protobuf to a receiver in the test: one trace runs from
/// the HTTP command down to the SQL it ran; the metrics include the projections' lag.
/// </summary>
[Trait("Category", "Process")]
[Trait("Category", "Slow")]
public sealed class TelemetryTests
{
    [Fact]
    public async Task a_command_is_one_trace_from_its_http_request_down_to_its_sql_and_projection_lag_is_a_metric()
    {
        await using var receiver = await OtlpReceiver.Start();
        await using var app = await AppProcess.Start(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "projectledger-test",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
        });
        using var office = app.Client("projectOffice", "vantaa-kerava");
        var created = await office.PostAsJsonAsync("/api/experiments", new
        {
            title = "Jäljitettävä kokeilu", problem = "Hidas vastaus on löydettävä.", county = "vantaa-kerava",
            themes = new[] { "telemetria" }, proposedByRole = "tietohallinto",
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        OtlpSpan? request = null;
        List<OtlpSpan> sql = [];
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            request = receiver.Spans.FirstOrDefault(s => s.Kind == 2 && s.Attributes.GetValueOrDefault("http.route") == "/api/experiments"
                                                         && s.Attributes.GetValueOrDefault("http.request.method") == "POST");
            if (request is not null)
            {
                var trace = receiver.Spans.Where(s => s.TraceId == request.TraceId).ToList();
                sql = trace.Where(s => s.Scope == "Npgsql" && Below(s, request, trace)).ToList();
                if (sql.Any(Appends)) break;
            }
            await Task.Delay(250);
        }
        request.ShouldNotBeNull($"no server span for POST /api/experiments among {receiver.Spans.Count} spans: {Names(receiver.Spans)}\n{app.Output}");
        request.Attributes.GetValueOrDefault("http.response.status_code").ShouldBe("201");
        sql.ShouldContain(s => Appends(s),
            $"no SQL span appending the event under the request's trace {request.TraceId}: {Names(receiver.Spans.Where(s => s.TraceId == request.TraceId))}");
        sql.ShouldAllBe(s => Text(s).Contains(app.Schema) || !Text(s).Contains("mt_"), "SQL of another schema in this trace");

        // The projection lag, per shard, reaches 0 once the daemon has applied the proposal.
        clock.Restart();
        while (clock.Elapsed < TimeSpan.FromSeconds(20) && !receiver.Metrics.Any(LagOfDashboards)) await Task.Delay(250);
        receiver.Metrics.ShouldContain(m => LagOfDashboards(m), $"metrics received: {string.Join(", ", receiver.Metrics.Select(m => m.Name).Distinct().Order())}");
        var names = receiver.Metrics.Select(m => m.Name).ToHashSet();
        names.ShouldContain("http.server.request.duration");
        names.ShouldContain(n => n.StartsWith("db.client."), "no Npgsql metric");
        names.ShouldContain("projectledger.eventlog.head");
        id.ShouldNotBe(Guid.Empty);
    }

    private static bool LagOfDashboards(OtlpMetric metric) =>
        metric.Name == "projectledger.projection.lag" &&
        metric.PointAttributes.Any(a => a.GetValueOrDefault("projection.shard")?.StartsWith("DashboardProjection") == true);

    private static string Text(OtlpSpan span) =>
        span.Attributes.GetValueOrDefault("db.query.text") ?? span.Attributes.GetValueOrDefault("db.statement") ?? "";

    private static bool Appends(OtlpSpan span) => Text(span).Contains("mt_events") || Text(span).Contains("append_event");

    /// <summary>The span descends from the ancestor through parent ids within the trace.</summary>
    private static bool Below(OtlpSpan span, OtlpSpan ancestor, IReadOnlyList<OtlpSpan> trace)
    {
        var byId = trace.GroupBy(s => s.SpanId).ToDictionary(g => g.Key, g => g.First());
        for (var current = span; current.ParentSpanId != ""; )
        {
            if (current.ParentSpanId == ancestor.SpanId) return true;
            if (!byId.TryGetValue(current.ParentSpanId, out var parent)) return false;
            current = parent;
        }
        return false;
    }

    private static string Names(IEnumerable<OtlpSpan> spans) =>
        string.Join("; ", spans.Select(s => $"{s.Scope}:{s.Name}[{s.TraceId[..8]}/{s.SpanId[..8]}<-{(s.ParentSpanId.Length >= 8 ? s.ParentSpanId[..8] : "root")}] {Text(s)[..Math.Min(60, Text(s).Length)]}").Take(80));
}
