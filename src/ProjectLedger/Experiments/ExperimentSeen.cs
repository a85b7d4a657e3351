using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ProjectLedger.Dashboards;
using ProjectLedger.Security;

namespace ProjectLedger.Experiments;

/// <summary>An experiment's participation totals as all but auditors see them: 1–4 people are "&lt; 5".</summary>
public sealed record ParticipationTotalsSeen(
    PrivateCount Total, IReadOnlyDictionary<string, PrivateCount> ByKind, IReadOnlyDictionary<string, PrivateCount> ByAgeBand,
    IReadOnlyDictionary<string, PrivateCount> ByWay, IReadOnlyDictionary<string, PrivateCount> ByChannel)
{
    public static ParticipationTotalsSeen Of(ParticipationTotals p) => new(
        PrivateCount.Of(p.Total, false), PrivateCount.Of(p.ByKind, false), PrivateCount.Of(p.ByAgeBand, false),
        PrivateCount.Of(p.ByWay, false), PrivateCount.Of(p.ByChannel, false));
}

/// <summary>One participation record in an experiment's history as all but auditors see it.</summary>
public sealed record ParticipationRecordSeen(
    DateOnly PeriodStart, DateOnly PeriodEnd, string Way, string Channel,
    IReadOnlyDictionary<string, PrivateCount> ByKind, IReadOnlyDictionary<string, PrivateCount> ByAgeBand, PrivateCount Total)
{
    public static ParticipationRecordSeen Of(ParticipationRecorded r) => new(
        r.PeriodStart, r.PeriodEnd, r.Way, r.Channel, PrivateCount.Of(r.ByKind, false), PrivateCount.Of(r.ByAgeBand, false),
        PrivateCount.Of(r.ByKind.Values.Sum(), false));
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
            JsonSerializer.SerializeToNode(ParticipationTotalsSeen.Of(experiment.Participation), json);
        return node;
    }
}
