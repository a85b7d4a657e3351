using ProjectLedger.Experiments;

namespace ProjectLedger.Dashboards;

/// <summary>
/// The adoption funnel of one scope, kept as counters so an experiment's change is applied as
/// "remove its old contribution, add its new one". Days in stage are a histogram (days → stays)
/// of completed stays, so the median needs no list of every stay.
/// </summary>
public sealed class FunnelView : IScopeView
{
    public string Id { get; set; } = "";
    public int Total { get; set; }
    public Dictionary<Stage, int> Current { get; set; } = [];
    public Dictionary<Stage, int> Reached { get; set; } = [];
    public Dictionary<Stage, Dictionary<int, int>> DaysInStage { get; set; } = [];
    public Dictionary<string, int> DiscontinuationReasons { get; set; } = [];
    public Dictionary<string, int> AdoptionScopes { get; set; } = [];
    /// <summary>Adoptions of a model that came from another county (the experiment adapted it).</summary>
    public int AdoptedFromOtherCounties { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public void Apply(Experiment e, int sign)
    {
        Total += sign;
        Bump(Current, e.Stage, sign);
        foreach (var stage in e.StageHistory.Select(v => v.Stage).Distinct()) Bump(Reached, stage, sign);
        foreach (var stay in e.StageHistory.Where(v => v.Left is not null))
        {
            if (!DaysInStage.TryGetValue(stay.Stage, out var histogram)) DaysInStage[stay.Stage] = histogram = [];
            Bump(histogram, (int)Math.Floor((stay.Left!.Value - stay.Entered).TotalDays), sign);
        }
        if (e.Discontinuation is { } d) Bump(DiscontinuationReasons, d.Reason, sign);
        if (e.Adoption is { } a) Bump(AdoptionScopes, a.Scope, sign);
        if (e.Adoption is not null && e.AdaptedFrom is { } origin && origin.OriginCounty != e.County) AdoptedFromOtherCounties += sign;
    }

    private static void Bump<TKey>(Dictionary<TKey, int> counts, TKey key, int by) where TKey : notnull
    {
        var value = counts.GetValueOrDefault(key) + by;
        if (value == 0) counts.Remove(key);
        else counts[key] = value;
    }
}

public sealed record StageFigures(Stage Stage, int Current, int Reached, decimal? MedianDays);

public sealed record Conversion(Stage From, Stage To, decimal? Rate);

public sealed record ReasonCount(string Reason, int Count);

public sealed record FunnelResponse(
    string Scope, int Total, IReadOnlyList<StageFigures> Stages, IReadOnlyList<Conversion> Conversions,
    IReadOnlyList<ReasonCount> DiscontinuationReasons, IReadOnlyDictionary<string, int> AdoptionScopes, DateTimeOffset? UpdatedAt,
    int AdoptedFromOtherCounties = 0)
{
    private static readonly Stage[] Path = [Stage.Idea, Stage.Planned, Stage.Piloting, Stage.Evaluating, Stage.Adopted];

    public static FunnelResponse From(string scope, FunnelView? view)
    {
        view ??= new FunnelView { Id = scope };
        var stages = Enum.GetValues<Stage>().Select(s => new StageFigures(
            s, view.Current.GetValueOrDefault(s), view.Reached.GetValueOrDefault(s),
            view.DaysInStage.TryGetValue(s, out var h) ? Median(h) : null)).ToList();
        var conversions = Path.Zip(Path.Skip(1), (from, to) =>
        {
            var reachedFrom = view.Reached.GetValueOrDefault(from);
            return new Conversion(from, to, reachedFrom == 0 ? null : Math.Round((decimal)view.Reached.GetValueOrDefault(to) / reachedFrom, 3));
        }).ToList();
        return new FunnelResponse(scope, view.Total, stages, conversions,
            view.DiscontinuationReasons.OrderByDescending(r => r.Value).ThenBy(r => r.Key).Select(r => new ReasonCount(r.Key, r.Value)).ToList(),
            Vocabulary.Scopes.ToDictionary(s => s, s => view.AdoptionScopes.GetValueOrDefault(s)),
            view.Total == 0 ? null : view.UpdatedAt, view.AdoptedFromOtherCounties);
    }

    /// <summary>The median of a days → count histogram (mean of the two middle values for an even count).</summary>
    public static decimal? Median(IReadOnlyDictionary<int, int> histogram)
    {
        var n = histogram.Values.Sum();
        if (n <= 0) return null;
        int? lower = null;
        var seen = 0;
        foreach (var (days, count) in histogram.OrderBy(h => h.Key))
        {
            if (lower is null && seen + count >= (n + 1) / 2) lower = days;
            if (seen + count >= n / 2 + 1) return n % 2 == 1 ? days : (lower!.Value + days) / 2m;
            seen += count;
        }
        return lower;
    }
}
