using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using Shouldly;

namespace ProjectLedger.Tests.Infrastructure;

/// <summary>Given/when/then helpers over HTTP. Every call carries a bearer token unless told not to.</summary>
public sealed class Api(LedgerApp app)
{
    public const string Office = "projectOffice";
    public string Role { get; init; } = Office;
    public string County { get; init; } = "vantaa-kerava";
    public string User { get; init; } = "test-user";

    public Api As(string role, string county, string user = "test-user") => new(app) { Role = role, County = county, User = user };

    public Task<JsonNode> Post(string url, object body, int expectedStatus) => Send(HttpMethod.Post, url, JsonSerializer.Serialize(body, Json), expectedStatus);

    public Task<JsonNode> PostRaw(string url, string rawBody, int expectedStatus, string contentType = "application/json") =>
        Send(HttpMethod.Post, url, rawBody, expectedStatus, contentType);

    public Task<JsonNode> Get(string url, int expectedStatus = 200) => Send(HttpMethod.Get, url, null, expectedStatus);

    public async Task<JsonNode> Send(HttpMethod method, string url, string? body, int expectedStatus,
        string contentType = "application/json", bool withToken = true, string? token = null,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        var result = await app.Host.Scenario(s =>
        {
            if (method == HttpMethod.Get) s.Get.Url(url);
            else s.Post.Url(url);
            if (body is not null)
            {
                s.ConfigureHttpContext(http =>
                {
                    var bytes = Encoding.UTF8.GetBytes(body);
                    http.Request.Body = new MemoryStream(bytes);
                    http.Request.ContentLength = bytes.Length;
                    http.Request.ContentType = contentType;
                });
            }
            if (withToken) s.WithRequestHeader("Authorization", "Bearer " + (token ?? app.Token(Role, County, User)));
            foreach (var (name, value) in headers ?? new Dictionary<string, string>()) s.WithRequestHeader(name, value);
            s.StatusCodeShouldBe(expectedStatus);
        });
        var text = await result.ReadAsTextAsync();
        if (expectedStatus >= 400)
        {
            result.Context.Response.ContentType.ShouldNotBeNull().ShouldStartWith("application/problem+json");
        }
        return string.IsNullOrWhiteSpace(text) ? new JsonObject() : JsonNode.Parse(text)!;
    }

    /// <summary>What the UI sends with every write from its cookie session (CsrfGuard).</summary>
    public static readonly IReadOnlyDictionary<string, string> FromThePage = new Dictionary<string, string> { ["X-Ledger-Request"] = "1" };

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}

public static class ProblemAssertions
{
    public static JsonNode ShouldBeProblem(this JsonNode problem, int status)
    {
        problem["status"]!.GetValue<int>().ShouldBe(status);
        problem["title"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        return problem;
    }

    public static JsonNode ShouldHaveFieldError(this JsonNode problem, string field)
    {
        problem.ShouldBeProblem(400);
        var errors = problem["errors"]!.AsObject();
        errors.Select(e => e.Key).ShouldContain(field, $"errors were: {errors.ToJsonString()}");
        return problem;
    }
}
