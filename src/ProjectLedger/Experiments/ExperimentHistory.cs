using Microsoft.AspNetCore.Mvc;
using JasperFx.Events;
using Marten;
using ProjectLedger.Audit;
using ProjectLedger.Dashboards;
using ProjectLedger.Security;
using Wolverine.Http;
using ProjectLedger.Streams;

namespace ProjectLedger.Experiments;

public sealed record EventMetadata(string? UserId, string? Role, string? CorrelationId, string? Reason, string? Hash, string? PreviousHash);

public sealed record HistoryEntry(long Sequence, long Version, string Type, DateTimeOffset Timestamp, object Data, EventMetadata Metadata)
{
    public static HistoryEntry From(IEvent e) => new(
        e.Sequence, e.Version, e.EventType.Name, e.Timestamp, e.Data,
        new EventMetadata(
            Header(e, RequestMetadata.UserIdHeader) ?? e.UserName, Header(e, RequestMetadata.RoleHeader), e.CorrelationId, Header(e, RequestMetadata.ReasonHeader),
            Header(e, HashChain.HashHeader), Header(e, HashChain.PreviousHashHeader)));

    private static string? Header(IEvent e, string key) =>
        e.Headers is { } headers && headers.TryGetValue(key, out var value) ? value?.ToString() : null;
}

public static class ExperimentHistoryEndpoint
{
    /// <summary>Every event of the experiment with its metadata, oldest first; participation counts of 1–4 as "&lt; 5" to all but auditors.</summary>
    [EndpointSummary("Every event of an experiment with its metadata")]
    [ProducesResponseType<IReadOnlyList<HistoryEntry>>(200)]
    [WolverineGet("/api/experiments/{id}/history")]
    public static async Task<IResult> Get(Guid id, IQuerySession session, HttpContext http)
    {
        var experiment = await session.LoadAsync<Experiment>(id, http.RequestAborted);
        if (ReadExperimentEndpoints.Readable(experiment, id, http) is { } refusal) return refusal;
        var events = await session.Events.FetchStreamAsync(id, token: http.RequestAborted);
        var reveal = PrivateCount.Reveals(LedgerUser.From(http.User));
        return Results.Ok(events.Select(HistoryEntry.From).Select(e => e.Data is ParticipationRecorded r && !reveal
            ? e with { Data = ParticipationRecordSeen.Of(r) }
            : e));
    }
}
