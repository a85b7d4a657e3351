using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Alba;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ProjectLedger.Tests.Experiments;
using ProjectLedger.Tests.Infrastructure;
using Shouldly;
using Wolverine.Http;

namespace ProjectLedger.Tests.Contract;

/// <summary>
/// The OpenAPI document held against the API itself. The endpoints come from the app's own
/// endpoint data sources, so an endpoint added anywhere is checked too: it must be in the document
/// with a summary, a success schema, problem responses and (unless anonymous) the bearer scheme;
/// and what it answers to a few generic probes must be among the statuses it documents.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class OpenApiContractTests(LedgerApp app)
{
    private const string Fix = "Declare it on the endpoint method: [EndpointSummary(\"...\")], [ProducesResponseType<TheBody>(200)] " +
                               "(201 for a create); problem responses come from LedgerOpenApi.ProblemsByShape by the endpoint's shape.";

    [Fact]
    public async Task every_endpoint_is_documented_with_a_summary_a_success_schema_problems_and_its_security()
    {
        var document = await Document();
        var problems = new List<string>();
        foreach (var (method, path, endpoint) in Endpoints())
        {
            var operation = document["paths"]?[path]?[method.ToLowerInvariant()];
            var where = $"{method} {path} ({endpoint.DisplayName})";
            if (operation is null) { problems.Add($"{where} is missing from the OpenAPI document. {Fix}"); continue; }
            var responses = operation["responses"]!.AsObject();
            var summary = operation["summary"]?.GetValue<string>();
            if (string.IsNullOrWhiteSpace(summary) || summary == operation["operationId"]?.GetValue<string>())
                problems.Add($"{where} has no readable summary. {Fix}");
            var success = responses.Where(r => r.Key[0] is '2' or '3').ToList();
            if (success.Count == 0) problems.Add($"{where} documents no success response. {Fix}");
            foreach (var (status, response) in success)
                if (status is "200" or "201" && response!["content"]?.AsObject().FirstOrDefault().Value?["schema"] is null)
                    problems.Add($"{where} answers {status} with no schema. {Fix}");
            // /health answers its report, not a problem, when unhealthy.
            foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' or '5' && path != "/health"))
                if (response!["content"]?["application/problem+json"] is null)
                    problems.Add($"{where} documents {status} without application/problem+json.");
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            if (!anonymous && (operation["security"]?.AsArray().Count ?? 0) == 0)
                problems.Add($"{where} needs a sign-in but names no security scheme.");
            if (!anonymous && !responses.ContainsKey("401")) problems.Add($"{where} needs a sign-in but does not document 401.");
        }
        problems.ShouldBeEmpty(string.Join("\n", problems));

        document["components"]!["securitySchemes"]!["bearer"]!["scheme"]!.GetValue<string>().ShouldBe("bearer");
        document["paths"]!["/health"]!["get"]!["responses"]!.AsObject().Select(r => r.Key).ShouldBe(["200", "503"], ignoreOrder: true);
        document["paths"]!["/hubs/dashboards/negotiate"].ShouldNotBeNull();
        var export = document["paths"]!["/api/audit/export"]!["get"]!["responses"]!["200"]!["content"]!.AsObject();
        export.Select(c => c.Key).ShouldBe(["application/x-ndjson"]);
        foreach (var create in new[] { "/api/experiments", "/api/projects" })
            document["paths"]![create]!["post"]!["responses"]!.AsObject().Select(r => r.Key).ShouldContain("201");
        Enum(document, "JoinStakeholder", "kind").ShouldContain("experienceExpert");
        Enum(document, "RecordParticipation", "way").ShouldBe(["ideation", "planning", "development", "evaluation", "implementation"]);
        Enum(document, "RecordParticipation", "channel").ShouldBe(["digital", "inPerson"]);
        Enum(document, "ProposeExperiment", "county").Count.ShouldBe(22);
    }

    [Fact]
    public async Task what_each_endpoint_answers_to_generic_probes_is_a_status_it_documents()
    {
        var document = await Document();
        var office = app.Token("projectOffice", "vantaa-kerava");
        var probes = new List<(string Method, string Path, string Url, string? Body, string ContentType, string? Token)>();
        foreach (var (method, path, _) in Endpoints().Where(e => e.Path.StartsWith("/api/")))
        {
            var url = path.Replace("{id}", Guid.NewGuid().ToString()).Replace("{level}", "0").Replace("{index}", "000");
            probes.Add((method, path, url, method == "POST" ? "{}" : null, "application/json", null));
            probes.Add((method, path, url, method == "POST" ? "{}" : null, "application/json", office));
            if (method == "POST") probes.Add((method, path, url, "plain words", "text/plain", office));
        }
        probes.Add(("POST", "/api/experiments", "/api/experiments", JsonSerializer.Serialize(ExperimentBodies.ChatAdvice(), Api.Json), "application/json", office));

        var wrong = new List<string>();
        foreach (var probe in probes)
        {
            var result = await app.Host.Scenario(s =>
            {
                if (probe.Method == "GET") s.Get.Url(probe.Url); else s.Post.Url(probe.Url);
                if (probe.Body is not null)
                    s.ConfigureHttpContext(http =>
                    {
                        var bytes = Encoding.UTF8.GetBytes(probe.Body);
                        http.Request.Body = new MemoryStream(bytes);
                        http.Request.ContentLength = bytes.Length;
                        http.Request.ContentType = probe.ContentType;
                    });
                if (probe.Token is not null) s.WithRequestHeader("Authorization", "Bearer " + probe.Token);
                s.IgnoreStatusCode();
            });
            var status = result.Context.Response.StatusCode.ToString();
            var documented = document["paths"]![probe.Path]![probe.Method.ToLowerInvariant()]!["responses"]!.AsObject().Select(r => r.Key).ToList();
            if (!documented.Contains(status))
                wrong.Add($"{probe.Method} {probe.Path} ({(probe.Token is null ? "no token" : "signed in")}, {probe.ContentType} {probe.Body?[..Math.Min(20, probe.Body.Length)]}) " +
                          $"answered {status}, documented: {string.Join(", ", documented)}. {await result.ReadAsTextAsync()}");
        }
        wrong.ShouldBeEmpty(string.Join("\n", wrong));
    }

    private async Task<JsonObject> Document()
    {
        var result = await app.Host.Scenario(s => { s.Get.Url("/openapi/v1.json"); s.StatusCodeShouldBeOk(); });
        return JsonNode.Parse(await result.ReadAsTextAsync())!.AsObject();
    }

    private static List<string> Enum(JsonObject document, string schema, string property) =>
        document["components"]!["schemas"]![schema]!["properties"]![property]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()).ToList();

    /// <summary>The app's routes as its endpoint data sources hold them: every method and path it serves, except the UI and document routes.</summary>
    private IEnumerable<(string Method, string Path, RouteEndpoint Endpoint)> Endpoints()
    {
        var endpoints = app.Host.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>().ToList();
        endpoints.Count(e => e.Metadata.GetMetadata<HttpChain>() is not null).ShouldBeGreaterThan(30);
        foreach (var endpoint in endpoints)
        {
            var raw = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            // Fallbacks (the UI's pages, unknown /api routes) come last and are not operations.
            if (endpoint.Order == int.MaxValue || raw.StartsWith("/openapi") || raw.StartsWith("/scalar") || raw.StartsWith("/hubs/")) continue;
            var path = System.Text.RegularExpressions.Regex.Replace(raw, @"\{\**([^}:?=]+)[^}]*\}", "{$1}");
            foreach (var method in endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                yield return (method, path, endpoint);
        }
    }
}
