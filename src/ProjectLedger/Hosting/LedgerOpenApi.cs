using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using ProjectLedger.Counties;
using ProjectLedger.Experiments;
using Scalar.AspNetCore;

namespace ProjectLedger.Hosting;

/// <summary>
/// The OpenAPI document at /openapi/v1.json: each operation's responses come from its endpoint's
/// response metadata (see <see cref="LedgerApiResponses"/>) and its shape (<see cref="ProblemsByShape"/>),
/// problems as application/problem+json;
/// the bearer scheme on every operation that needs a sign-in; the contract's words as enums;
/// /health and the dashboards hub described beside the API.
/// </summary>
public static class LedgerOpenApi
{
    public const string Bearer = "bearer";

    public static IServiceCollection AddLedgerOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer((document, _, _) => { Describe(document); return Task.CompletedTask; });
            o.AddOperationTransformer(DescribeOperation);
            o.AddSchemaTransformer((schema, context, _) => { AllowedValues(schema, context); return Task.CompletedTask; });
        });
        return services;
    }

    /// <summary>The OpenAPI document and the Scalar UI, in Development and demo mode only.</summary>
    public static void MapLedgerOpenApi(this WebApplication app, LedgerOptions ledger)
    {
        if (!app.Environment.IsDevelopment() && !ledger.DemoMode) return;
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference().AllowAnonymous();
    }

    private static readonly Dictionary<int, string> Meanings = new()
    {
        [200] = "OK",
        [201] = "Created: Location names the new resource",
        [400] = "Invalid: the problem's errors map names each field and what is wrong with it",
        [401] = "No valid bearer token",
        [403] = "The token's role or county does not allow this",
        [404] = "Nothing with that id (or route)",
        [409] = "Conflict: the expected version is stale, or the command does not fit the current stage (the problem names the stage and what is allowed)",
        [413] = "The request body is larger than 1 MiB",
        [415] = "The body is not JSON (Content-Type: application/json)",
        [429] = "Too many requests: wait for Retry-After seconds",
        [503] = "The database is unavailable: retry after Retry-After seconds",
    };

    private static void Describe(OpenApiDocument document)
    {
        document.Info.Title = "ProjectLedger";
        document.Info.Description = "Development experiments of Finland's social and health services as an immutable history. " +
                                    "Errors are RFC 9457 problem details. Sign in with a bearer token (HS256 JWT with role and county claims).";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A token with the claims role (projectOffice, leadership, auditor, admin) and county (a slug, or * for all); ops/token makes one.",
        };
        document.Paths ??= new OpenApiPaths();
        document.Paths["/health"] = new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new()
                {
                    OperationId = "health",
                    Summary = "Liveness and readiness: the database answers and the projections move",
                    Description = "No sign-in. 200 when healthy or degraded (projections more than 10 000 events behind), 503 when the database " +
                                  "does not answer or the projections made no progress for 30 s. checks.projections.data holds eventLogHead and each shard's lag; " +
                                  "with several nodes also runsHere (the projection agents on this node) and dashboardsOnNode (the Wolverine node number running the dashboards), " +
                                  "and it is degraded while no live node runs them (start-up, or a lost node being replaced).",
                    Tags = new HashSet<OpenApiTagReference> { new("Health", document) },
                    Responses = new OpenApiResponses
                    {
                        ["200"] = HealthResponse("Healthy or degraded"),
                        ["503"] = HealthResponse("Unhealthy"),
                    },
                },
            },
        };
        document.Paths["/hubs/dashboards/negotiate"] = new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Post] = new()
                {
                    OperationId = "dashboardsHub",
                    Summary = "The dashboards hub (SignalR): live dashboardChanged pushes",
                    Description = "Connect with a SignalR client to /hubs/dashboards (the token as access_token), then invoke Watch(scope) " +
                                  "with a scope such as county:helsinki, project:{id}, theme:{name} or national; dashboardChanged(scope) arrives when that dashboard moves.",
                    Tags = new HashSet<OpenApiTagReference> { new("Dashboards", document) },
                    Security = [Requirement(document)],
                    Responses = new OpenApiResponses
                    {
                        ["200"] = new OpenApiResponse { Description = "SignalR negotiation: the transports and the connection token" },
                        ["401"] = new OpenApiResponse { Description = Meanings[401] },
                    },
                },
            },
        };
    }

    private static OpenApiResponse HealthResponse(string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/json"] = new()
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["status"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("Healthy"), JsonValue.Create("Degraded"), JsonValue.Create("Unhealthy")] },
                        ["checks"] = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "database and projections: each with status, description and data" },
                    },
                },
            },
        },
    };

    private static OpenApiSecurityRequirement Requirement(OpenApiDocument document) =>
        new() { [new OpenApiSecuritySchemeReference(Bearer, document)] = [] };

    private static async Task DescribeOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var responses = metadata.OfType<IProducesResponseTypeMetadata>().Select(m => (m.StatusCode, m.Type, m.ContentTypes.ToList()))
            .Concat(context.Description.SupportedResponseTypes.Select(r => (r.StatusCode, r.Type, r.ApiResponseFormats.Select(f => f.MediaType).ToList())))
            .GroupBy(r => r.StatusCode)
            .OrderBy(g => g.Key)
            .ToList();
        // An endpoint that declares its success responses ([ProducesResponseType]) answers only those:
        // Wolverine's guesses from the return type (200 IResult, 204 for a streamed Task) go.
        var declared = metadata.OfType<Microsoft.AspNetCore.Mvc.ProducesResponseTypeAttribute>()
            .Select(a => a.StatusCode).Where(IsSuccess).ToHashSet();
        if (declared.Count > 0) responses.RemoveAll(g => IsSuccess(g.Key) && !declared.Contains(g.Key));
        // Wolverine lists 404 for every GET; only a route with an id can name nothing.
        if (context.Description.RelativePath?.Contains('{') != true) responses.RemoveAll(g => g.Key == 404);
        operation.Responses = new OpenApiResponses();
        foreach (var status in responses)
        {
            var (_, type, contentTypes) = status.FirstOrDefault(r => r.Type is not null && r.Type != typeof(IResult) && r.Type != typeof(void));
            if (type is null && status.Key >= 400) (type, contentTypes) = (typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]);
            var response = new OpenApiResponse { Description = Meanings.GetValueOrDefault(status.Key, "See the problem's detail") };
            if (type is not null)
            {
                var schema = await context.GetOrCreateSchemaAsync(type, null, ct);
                response.Content = (contentTypes.Count > 0 ? contentTypes : ["application/json"])
                    .ToDictionary(c => c, _ => new OpenApiMediaType { Schema = schema });
            }
            operation.Responses[status.Key.ToString()] = response;
        }
        var anonymous = metadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any();
        foreach (var status in ProblemsByShape(context.Description, anonymous))
            if (!operation.Responses.ContainsKey(status.ToString()))
                operation.Responses[status.ToString()] = new OpenApiResponse
                {
                    Description = Meanings[status],
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/problem+json"] = new() { Schema = await context.GetOrCreateSchemaAsync(
                            status == 400 ? typeof(HttpValidationProblemDetails) : typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), null, ct) },
                    },
                };
        if (!anonymous)
            operation.Security = [Requirement(context.Document!)];
        // In status order, whether the endpoint's metadata or its shape named them.
        var sorted = new OpenApiResponses();
        foreach (var (status, response) in operation.Responses.OrderBy(r => r.Key, StringComparer.Ordinal)) sorted[status] = response;
        operation.Responses = sorted;
    }

    /// <summary>
    /// The problems any endpoint of this shape can answer, Wolverine's or not:
    /// a body (400, 413, 415), a query (400), a sign-in (401, 403), a route value (404), and 429, 503 for all.
    /// </summary>
    private static IEnumerable<int> ProblemsByShape(Microsoft.AspNetCore.Mvc.ApiExplorer.ApiDescription description, bool anonymous)
    {
        var sources = description.ParameterDescriptions.Select(p => p.Source.Id).ToHashSet();
        if (sources.Contains("Body")) { yield return 400; yield return 413; yield return 415; }
        else if (sources.Contains("Query")) yield return 400;
        if (!anonymous) { yield return 401; yield return 403; }
        if (description.RelativePath?.Contains('{') == true) yield return 404;
        yield return 429;
        yield return 503;
    }

    private static bool IsSuccess(int status) => status is >= 200 and < 300;

    /// <summary>The contract's words (api.md) as enums on the request bodies that take them.</summary>
    private static void AllowedValues(OpenApiSchema schema, OpenApiSchemaTransformerContext context)
    {
        var property = context.JsonPropertyInfo;
        if (property is null || property.DeclaringType.Assembly != typeof(LedgerOpenApi).Assembly) return;
        var declaring = property.DeclaringType.Name;
        IReadOnlyList<string>? words = property.Name switch
        {
            "county" when property.PropertyType == typeof(string) => CountyCatalog.All.Select(c => c.Slug).ToList(),
            "way" => Vocabulary.Ways,
            "channel" => Vocabulary.Channels,
            "verdict" => Vocabulary.Verdicts,
            "scope" => Vocabulary.Scopes,
            "kind" when declaring.Contains("Stakeholder") => Vocabulary.StakeholderKinds,
            "kind" when declaring.Contains("Session") => Vocabulary.SessionKinds,
            _ => null,
        };
        if (words is not null)
            schema.Enum = words.Select(w => (JsonNode)JsonValue.Create(w)).ToList();
        else if (property.Name == "roles" && declaring.Contains("Stakeholder") && schema.Items is OpenApiSchema items)
            items.Enum = Vocabulary.StakeholderRoles.Select(w => (JsonNode)JsonValue.Create(w)).ToList();
    }
}
