using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using ProjectLedger.Streams;
using Wolverine.Http;

namespace ProjectLedger.Hosting;

/// <summary>
/// What only a Wolverine endpoint's handler tells, for the OpenAPI document: a write command answers
/// 200 with a <see cref="WriteResult"/> (unless the endpoint declares its own [ProducesResponseType])
/// and can lose a race (409), and is summarized from its command's name. The problems any endpoint's
/// shape can answer are added to every operation by LedgerOpenApi.ProblemsByShape.
/// </summary>
public static class LedgerApiResponses
{
    public static void Describe(HttpChain chain)
    {
        var method = chain.Method.Method;
        if (!chain.HasRequestType || !typeof(IWriteCommand).IsAssignableFrom(chain.RequestType)) return;
        var declared = method.GetCustomAttributes<ProducesResponseTypeAttribute>().Select(a => a.StatusCode).ToHashSet();
        if (!declared.Any(s => s is >= 200 and < 300))
            chain.Metadata.Produces<WriteResult>(200);
        if (!declared.Contains(409))
            chain.Metadata.Produces(409, typeof(ProblemDetails), "application/problem+json");
        if (string.IsNullOrEmpty(chain.EndpointSummary) && method.GetCustomAttribute<EndpointSummaryAttribute>() is null)
            chain.EndpointSummary = Humanize(chain.RequestType!.Name);
    }

    /// <summary>"ProposeExperiment" → "Propose experiment".</summary>
    public static string Humanize(string name)
    {
        var words = System.Text.RegularExpressions.Regex.Split(name, "(?<!^)(?=[A-Z])");
        return string.Join(' ', words.Select((w, i) => i == 0 ? w : w.ToLowerInvariant()));
    }
}
