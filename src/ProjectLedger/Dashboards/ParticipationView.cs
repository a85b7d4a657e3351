using ProjectLedger.Experiments;

namespace ProjectLedger.Dashboards;

/// <summary>Participation totals of one scope; reach gaps are the bands and kinds nobody was reached in.</summary>
public sealed class ParticipationView : IScopeView
{
    public string Id { get; set; } = "";
    public int Total { get; set; }
    public Dictionary<string, int> ByKind { get; set; } = [];
    public Dictionary<string, int> ByAgeBand { get; set; } = [];
    public Dictionary<string, int> ByWay { get; set; } = [];
    public Dictionary<string, int> ByChannel { get; set; } = [];
    public DateTimeOffset UpdatedAt { get; set; }

    public void Apply(Experiment e, int sign) => Apply(e.Participation, sign);

    public void Apply(ParticipationTotals p, int sign)
    {
        Total += sign * p.Total;
        Add(ByKind, p.ByKind, sign);
        Add(ByAgeBand, p.ByAgeBand, sign);
        Add(ByWay, p.ByWay, sign);
        Add(ByChannel, p.ByChannel, sign);
    }

    private static void Add(Dictionary<string, int> into, IReadOnlyDictionary<string, int> counts, int sign)
    {
        foreach (var (key, value) in counts) into[key] = into.GetValueOrDefault(key) + sign * value;
    }
}

public sealed record ReachGap(string Dimension, string Key);

public sealed record ParticipationResponse(
    string Scope, int Total, IReadOnlyDictionary<string, int> ByKind, IReadOnlyDictionary<string, int> ByAgeBand,
    IReadOnlyDictionary<string, int> ByWay, IReadOnlyDictionary<string, int> ByChannel, IReadOnlyList<ReachGap> ReachGaps,
    DateTimeOffset? UpdatedAt)
{
    public static ParticipationResponse From(string scope, ParticipationView? view)
    {
        view ??= new ParticipationView { Id = scope };
        var byKind = Complete(view.ByKind, Vocabulary.StakeholderKinds);
        var byAge = Complete(view.ByAgeBand, Vocabulary.AgeBands);
        // A gap only means something once someone has been reached at all.
        var gaps = view.Total == 0
            ? []
            : byAge.Where(b => b.Value == 0).Select(b => new ReachGap("ageBand", b.Key))
                .Concat(byKind.Where(k => k.Value == 0).Select(k => new ReachGap("kind", k.Key))).ToList();
        return new ParticipationResponse(scope, view.Total, byKind, byAge,
            Complete(view.ByWay, Vocabulary.Ways), Complete(view.ByChannel, Vocabulary.Channels), gaps,
            view.Total == 0 ? null : view.UpdatedAt);
    }

    /// <summary>The figures as the reader may see them: small counts hidden unless they reveal (auditors).</summary>
    public ParticipationFigures AsSeenBy(bool reveal)
    {
        return new ParticipationFigures(Scope, PrivateCount.Of(Total, reveal), PrivateCount.Of(ByKind, reveal), PrivateCount.Of(ByAgeBand, reveal),
            PrivateCount.Of(ByWay, reveal), PrivateCount.Of(ByChannel, reveal), ReachGaps, UpdatedAt, null, null, null);
    }

    private static IReadOnlyDictionary<string, int> Complete(Dictionary<string, int> counts, IReadOnlyList<string> keys) =>
        keys.ToDictionary(k => k, k => counts.GetValueOrDefault(k));
}

/// <summary>Participation as a reader sees it (small counts hidden), now, as of a moment, or over a period (from–to, by period end).</summary>
public sealed record ParticipationFigures(
    string Scope, PrivateCount Total, IReadOnlyDictionary<string, PrivateCount> ByKind, IReadOnlyDictionary<string, PrivateCount> ByAgeBand,
    IReadOnlyDictionary<string, PrivateCount> ByWay, IReadOnlyDictionary<string, PrivateCount> ByChannel, IReadOnlyList<ReachGap> ReachGaps,
    DateTimeOffset? UpdatedAt, DateTimeOffset? At, DateOnly? From, DateOnly? To);
