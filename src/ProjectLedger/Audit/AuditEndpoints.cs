using Marten;
using ProjectLedger.Experiments;
using ProjectLedger.Security;
using ProjectLedger.Streams;
using Wolverine.Http;

namespace ProjectLedger.Audit;

public static class AuditEndpoints
{
    /// <summary>Recomputes the experiment's hash chain: intact, or the first version that does not match and why.</summary>
    [WolverineGet("/api/audit/verify")]
    public static async Task<IResult> Verify(Guid? experimentId, IQuerySession session, ChainVerifier verifier, HttpContext http)
    {
        if (experimentId is not { } id) return LedgerProblems.ToResult(Invalid.Field("experimentId", "Give ?experimentId=."));
        var experiment = await session.LoadAsync<Experiment>(id, http.RequestAborted);
        if (ReadExperimentEndpoints.Readable(experiment, id, http) is { } refusal) return refusal;
        return Results.Ok(await verifier.VerifyAsync(id, http.RequestAborted));
    }

    /// <summary>The event log (of a county, or of one experiment) as NDJSON, in sequence order, streamed row by row (constant memory).</summary>
    [WolverineGet("/api/audit/export")]
    public static async Task Export(string? county, Guid? experimentId, DateTimeOffset? from, DateTimeOffset? to, EventExport export, HttpContext http)
    {
        var user = LedgerUser.From(http.User);
        Rejection? refusal = !user.CanAudit ? new Forbidden("The event log export is for auditors and admins.")
            : county is not null && !Counties.CountyCatalog.Exists(county) ? Invalid.Field("county", $"Unknown county '{county}'.")
            : from > to ? Invalid.Field("to", "The end comes after the start.")
            : null;
        if (refusal is not null)
        {
            await LedgerProblems.ToResult(refusal).ExecuteAsync(http);
            return;
        }
        http.Response.ContentType = "application/x-ndjson; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"ledger-{experimentId?.ToString() ?? county ?? "all"}.ndjson\"";
        await export.WriteAsync(http.Response.BodyWriter, county, experimentId, from?.ToUniversalTime(), to?.ToUniversalTime(), http.RequestAborted);
    }
}
