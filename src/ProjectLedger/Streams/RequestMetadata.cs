using System.Diagnostics;
using Marten;
using ProjectLedger.Security;

namespace ProjectLedger.Streams;

/// <summary>
/// Who, in which role, under which correlation id and for what reason: stamped on every event a
/// request appends (Marten's correlation id, user name and headers). The audit hash is added by the
/// database itself (Audit/HashChain.cs), whatever path appends the event.
/// </summary>
public static class RequestMetadata
{
    public const string CorrelationHeader = "X-Correlation-Id";

    /// <summary>The names of the event headers: written here and by the demo data, read by the history.</summary>
    public const string UserIdHeader = "userId", RoleHeader = "role", ReasonHeader = "reason";

    public static void Stamp(IDocumentSession session, HttpContext http, LedgerUser user, string? reason)
    {
        session.CorrelationId = CorrelationId(http);
        session.LastModifiedBy = user.Id;
        session.SetHeader(UserIdHeader, user.Id);
        session.SetHeader(RoleHeader, user.Role);
        if (!string.IsNullOrWhiteSpace(reason)) session.SetHeader(ReasonHeader, reason.Trim());
    }

    public static string CorrelationId(HttpContext http)
    {
        if (http.Items.TryGetValue(CorrelationHeader, out var known) && known is string id) return id;
        var given = http.Request.Headers[CorrelationHeader].ToString();
        id = IsAcceptable(given) ? given : Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier;
        http.Items[CorrelationHeader] = id;
        http.Response.Headers[CorrelationHeader] = id;
        return id;
    }

    private static bool IsAcceptable(string value) =>
        value.Length is > 0 and <= 100 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}
