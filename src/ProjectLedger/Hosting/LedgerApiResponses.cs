using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ProjectLedger.Streams;
using Wolverine.Http;

namespace ProjectLedger.Hosting;

/// <summary>
/// The responses every Wolverine endpoint can give, derived from its shape, for the OpenAPI
/// document: a body can be invalid (400), too large (413) or not JSON (415); a query string can be
/// unparseable (400); a signed-in endpoint refuses without a token (401) or outside the caller's
/// scope (403); a route id may name nothing (404); a write can lose a race (409); anyone can be
/// rate limited (429) or meet a database outage (503). The success response is the endpoint's own
/// [ProducesResponseType] (its body type), or for a write command 200 with a <see cref="WriteResult"/>.
/// </summary>
public static class LedgerApiResponses
{
    private const string Problem = "application/problem+json";

    public static void Describe(HttpChain chain)
    {
        var method = chain.Method.Method;
        var declared = method.GetCustomAttributes<ProducesResponseTypeAttribute>().Select(a => a.StatusCode).ToHashSet();
        var anonymous = method.GetCustomAttribute<AllowAnonymousAttribute>() is not null;
        var writes = chain.HasRequestType && typeof(IWriteCommand).IsAssignableFrom(chain.RequestType);

        if (writes && !declared.Any(s => s is >= 200 and < 300))
            chain.Metadata.Produces<WriteResult>(200);
        if (chain.HasRequestType)
        {
            Add(chain, declared, 400, typeof(HttpValidationProblemDetails));
            Add(chain, declared, 413);
            Add(chain, declared, 415);
        }
        else if (method.GetParameters().Any(p => p.ParameterType != typeof(HttpContext) && IsQueryValue(p, chain)))
            Add(chain, declared, 400, typeof(HttpValidationProblemDetails));
        if (!anonymous)
        {
            Add(chain, declared, 401);
            Add(chain, declared, 403);
        }
        if (chain.RoutePattern!.Parameters.Count > 0) Add(chain, declared, 404);
        if (writes) Add(chain, declared, 409);
        Add(chain, declared, 429);
        Add(chain, declared, 503);
        if (string.IsNullOrEmpty(chain.EndpointSummary) && method.GetCustomAttribute<EndpointSummaryAttribute>() is null && writes)
            chain.EndpointSummary = Humanize(chain.RequestType!.Name);
    }

    private static void Add(HttpChain chain, HashSet<int> declared, int status, Type? type = null)
    {
        if (declared.Add(status)) chain.Metadata.Produces(status, type ?? typeof(ProblemDetails), Problem);
    }

    private static bool IsQueryValue(ParameterInfo parameter, HttpChain chain) =>
        chain.RoutePattern!.Parameters.All(p => !string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase)) &&
        (parameter.ParameterType.IsValueType || parameter.ParameterType == typeof(string)) &&
        parameter.ParameterType != typeof(CancellationToken);

    /// <summary>"ProposeExperiment" → "Propose experiment".</summary>
    public static string Humanize(string name)
    {
        var words = System.Text.RegularExpressions.Regex.Split(name, "(?<!^)(?=[A-Z])");
        return string.Join(' ', words.Select((w, i) => i == 0 ? w : w.ToLowerInvariant()));
    }
}
