using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProjectLedger.Tests.Experiments;
using Shouldly;

namespace ProjectLedger.Tests.Faults;

/// <summary>One answer as a fault test sees it: status, media type, body and how long it took (0 status: no answer at all).</summary>
public sealed record Answer(int Status, string? ContentType, string Body, TimeSpan Elapsed, string? Error = null)
{
    public TimeSpan? RetryAfter { get; init; }
    public bool IsSuccess => Status is >= 200 and < 300;
    public bool IsProblem => ContentType?.StartsWith("application/problem+json", StringComparison.Ordinal) == true;
    public JsonNode Json => JsonNode.Parse(Body)!;
    public override string ToString() => $"{Status} {ContentType} in {Elapsed.TotalMilliseconds:0} ms{(Error is null ? "" : " (" + Error + ")")}: {Clip(Body)}";
    private static string Clip(string s) => s.Length > 400 ? s[..400] + "…" : s;
}

/// <summary>HTTP helpers over a real app process that never throw: every outcome becomes an Answer.</summary>
public static class FaultHttp
{
    public static async Task<Answer> PostJson(this HttpClient client, string url, object body, CancellationToken ct = default) =>
        await client.PostRaw(url, JsonSerializer.Serialize(body, JsonSerializerOptions.Web), ct);

    public static async Task<Answer> PostRaw(this HttpClient client, string url, string body, CancellationToken ct = default)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return await client.Exchange(new HttpRequestMessage(HttpMethod.Post, url) { Content = content }, ct);
    }

    public static Task<Answer> GetAnswer(this HttpClient client, string url, CancellationToken ct = default) =>
        client.Exchange(new HttpRequestMessage(HttpMethod.Get, url), ct);

    private static async Task<Answer> Exchange(this HttpClient client, HttpRequestMessage request, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using (request)
            using (var response = await client.SendAsync(request, ct))
            {
                var text = await response.Content.ReadAsStringAsync(ct);
                return new Answer((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, text, clock.Elapsed)
                {
                    RetryAfter = response.Headers.RetryAfter?.Delta,
                };
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return new Answer(0, null, "", clock.Elapsed, e.GetType().Name + ": " + e.Message);
        }
    }

    /// <summary>Proposes and plans an experiment through the API; returns its id and version.</summary>
    public static async Task<(Guid Id, long Version)> PlannedExperiment(this HttpClient office, string county = "vantaa-kerava", string? theme = null)
    {
        var created = await office.PostJson("/api/experiments", ExperimentBodies.ChatAdvice(county, theme));
        created.Status.ShouldBe(201, created.ToString());
        var id = created.Json["id"]!.GetValue<Guid>();
        var planned = await office.PostJson($"/api/experiments/{id}/plan", ExperimentBodies.Plan());
        planned.Status.ShouldBe(200, planned.ToString());
        return (id, planned.Json["version"]!.GetValue<long>());
    }

    /// <summary>Polls a condition every 20 ms until it holds or the time is up.</summary>
    public static async Task Until(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout) throw new TimeoutException($"not reached within {timeout.TotalSeconds} s");
            await Task.Delay(20);
        }
    }
}
