using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ProjectLedger.Dashboards;
using ProjectLedger.Security;

namespace ProjectLedger.Experiments;

/// <summary>An experiment's participation totals as a reader may see them: 1–4 people are "&lt; 5" to all but auditors.</summary>
public sealed record ParticipationTotalsSeen(
    PrivateCount Total, IReadOnlyDictionary<string, PrivateCount> ByKind, IReadOnlyDictionary<string, PrivateCount> ByAgeBand,
    IReadOnlyDictionary<string, PrivateCount> ByWay, IReadOnlyDictionary<string, PrivateCount> ByChannel)
{
    public static ParticipationTotalsSeen Of(ParticipationTotals p, bool reveal) => new(
        PrivateCount.Of(p.Total, reveal), Hide(p.ByKind, reveal), Hide(p.ByAgeBand, reveal), Hide(p.ByWay, reveal), Hide(p.ByChannel, reveal));

    public static IReadOnlyDictionary<string, PrivateCount> Hide(IReadOnlyDictionary<string, int> counts, bool reveal) =>
        counts.ToDictionary(c => c.Key, c => PrivateCount.Of(c.Value, reveal));
}

/// <summary>One participation record in an experiment's history, its counts as the reader may see them.</summary>
public sealed record ParticipationRecordSeen(
    DateOnly PeriodStart, DateOnly PeriodEnd, string Way, string Channel,
    IReadOnlyDictionary<string, PrivateCount> ByKind, IReadOnlyDictionary<string, PrivateCount> ByAgeBand, PrivateCount Total)
{
    public static ParticipationRecordSeen Of(ParticipationRecorded r, bool reveal) => new(
        r.PeriodStart, r.PeriodEnd, r.Way, r.Channel, ParticipationTotalsSeen.Hide(r.ByKind, reveal), ParticipationTotalsSeen.Hide(r.ByAgeBand, reveal),
        PrivateCount.Of(r.ByKind.Values.Sum(), reveal));
}

/// <summary>
/// An experiment as its reader may see it: auditors get the state as it is; everyone else (the
/// project office that recorded the figures included, as on the dashboards) gets its participation
/// with counts of 1–4 as "&lt; 5", so the page never points at a person.
/// </summary>
public static class ExperimentSeen
{
    public static object For(Experiment experiment, HttpContext http)
    {
        if (PrivateCount.Reveals(LedgerUser.From(http.User))) return experiment;
        var json = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var node = JsonSerializer.SerializeToNode(experiment, json)!.AsObject();
        node[json.PropertyNamingPolicy?.ConvertName(nameof(Experiment.Participation)) ?? nameof(Experiment.Participation)] =
            JsonSerializer.SerializeToNode(ParticipationTotalsSeen.Of(experiment.Participation, reveal: false), json);
        return node;
    }
}
