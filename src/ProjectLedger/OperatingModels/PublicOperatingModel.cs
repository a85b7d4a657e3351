using ProjectLedger.Dashboards;
using ProjectLedger.Experiments;

namespace ProjectLedger.OperatingModels;

/// <summary>
/// Participation as the public sees it: counts from 1 to 4 are "&lt; 5" (PrivateCount, as on the
/// dashboards). When a breakdown would hide a single cell, which the total would give away, its next
/// smallest cell is left out too and named in the breakdown's Protecting list (shown as "–").
/// </summary>
public sealed record PublicParticipation(
    PrivateCount Total, IReadOnlyDictionary<string, PrivateCount> ByKind, IReadOnlyDictionary<string, PrivateCount> ByAgeBand,
    IReadOnlyList<string> ByKindProtecting, IReadOnlyList<string> ByAgeBandProtecting)
{
    public const int SuppressedBelow = PrivateCount.Threshold;

    public static PublicParticipation Of(ParticipationTotals totals)
    {
        var (byKind, kindProtecting) = Breakdown(totals.ByKind);
        var (byAge, ageProtecting) = Breakdown(totals.ByAgeBand);
        return new(Suppress(totals.Total), byKind, byAge, kindProtecting, ageProtecting);
    }

    public static PrivateCount Suppress(int count) => PrivateCount.Of(count, reveal: false);

    public static (IReadOnlyDictionary<string, PrivateCount> Shown, IReadOnlyList<string> Protecting) Breakdown(IReadOnlyDictionary<string, int> counts)
    {
        var shown = counts.ToDictionary(c => c.Key, c => Suppress(c.Value));
        if (shown.Count(c => c.Value.Value is null) != 1 || counts.Where(c => shown[c.Key].Value is > 0).OrderBy(c => c.Value).Select(c => c.Key).FirstOrDefault() is not { } next)
            return (shown, []);
        shown.Remove(next);
        return (shown, [next]);
    }
}

public sealed record PublicCriterion(string Metric, decimal? Baseline, decimal? Target, string? Unit, bool Met, string? Note);

/// <summary>What was tried: the hypothesis, for whom, where and through which channels.</summary>
public sealed record PublicTrial(string? Hypothesis, string? TargetGroup, IReadOnlyList<string> Sites, IReadOnlyList<string> Channels, DateOnly? Start, DateOnly? Ended);

/// <summary>The model this one adapted: its county always, its id and title only while it is published.</summary>
public sealed record PublicOrigin(Guid? Id, string County, string? Title);

public sealed record PublicOperatingModelSummary(
    Guid Id, string Title, string? Link, string County, string ExperimentTitle, string Problem, IReadOnlyList<string> Themes,
    string AdoptionScope, DateTimeOffset PublishedAt, int Adaptations);

/// <summary>
/// A published operating model as anyone may read it. Built only from a published experiment's state:
/// no user ids or names, no stage-gate rationales or reasons, lessons and evaluation notes only when
/// the publishing chose to include them.
/// </summary>
public sealed record PublicOperatingModel(
    Guid Id, string Title, string? Link, string County, string ExperimentTitle, string Problem, IReadOnlyList<string> Themes,
    PublicTrial Tried, IReadOnlyList<PublicCriterion> Criteria, string? Lessons,
    string AdoptionScope, IReadOnlyList<string> Processes, DateTimeOffset AdoptedAt, DateTimeOffset PublishedAt,
    PublicParticipation Participation, int SuppressedBelow, PublicOrigin? AdaptedFrom, int SpreadTotal, IReadOnlyList<SpreadNode> Spread)
{
    public static PublicOperatingModel Of(Experiment e, Experiment? origin, IReadOnlyList<Experiment> descendants)
    {
        var adoption = e.Adoption!;
        var publication = e.Publication!;
        var plan = e.Plan;
        var criteria = (e.Evaluation?.Criteria ?? []).Select(c =>
        {
            var planned = plan?.SuccessCriteria.FirstOrDefault(s => s.Metric == c.Metric);
            return new PublicCriterion(c.Metric, planned?.Baseline, planned?.Target, planned?.Unit, c.Met, publication.IncludeLessons ? c.Note : null);
        }).ToList();
        var spread = SpreadTree.Build(e.Id, descendants, d => d.Publication is not null);
        return new PublicOperatingModel(
            // A link stored before links were checked is shown only if it is http(s).
            e.Id, adoption.OperatingModel.Title, WebLinkOrNull(adoption.OperatingModel.Link), e.County, e.Title, e.Problem, e.Themes,
            new PublicTrial(plan?.Hypothesis, plan?.TargetGroup, e.Pilot?.Sites ?? [], e.Pilot?.Channels ?? [], e.Pilot?.Start, e.Pilot?.Ended),
            criteria, publication.IncludeLessons ? e.Evaluation?.Lessons : null,
            adoption.Scope, adoption.Processes, adoption.AdoptedAt, publication.PublishedAt,
            PublicParticipation.Of(e.Participation), PublicParticipation.SuppressedBelow,
            e.AdaptedFrom is { } lineage
                ? origin?.Publication is not null
                    ? new PublicOrigin(lineage.OriginId, lineage.OriginCounty, origin.Adoption?.OperatingModel.Title)
                    : new PublicOrigin(null, lineage.OriginCounty, null)
                : null,
            SpreadTree.Count(spread), spread);
    }

    public PublicOperatingModelSummary Summary() =>
        new(Id, Title, Link, County, ExperimentTitle, Problem, Themes, AdoptionScope, PublishedAt, SpreadTotal);

    private static string? WebLinkOrNull(string? link) =>
        link is not null && Experiments.AdoptExperiment.IsWebLink(link) ? link : null;
}
