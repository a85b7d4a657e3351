using ProjectLedger.Dashboards;
using ProjectLedger.Experiments;
using ProjectLedger.Portfolio;

namespace ProjectLedger.Exports;

/// <summary>
/// Every table a dashboard shows, as rows to export. Each table's columns are documented in
/// docs/field-dictionary.md (a test holds the two together).
/// </summary>
public static class DashboardTables
{
    /// <summary>Dashboard → its tables' names, the first being what an export without ?table= gives.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Names = new Dictionary<string, IReadOnlyList<string>>
    {
        ["funnel"] = ["funnel-stages", "funnel-conversions", "funnel-reasons"],
        ["pilots"] = ["pilots"],
        ["participation"] = ["participation", "participation-reach-gaps"],
        ["goals"] = ["goals"],
        ["factors"] = ["factors"],
        ["counties"] = ["counties"],
    };

    public static Table From(string table, object response) => (table, response) switch
    {
        ("funnel-stages", FunnelResponse f) => Table.Of(table, ["stage", "current", "reached", "medianDays"],
            f.Stages.Select(s => new object?[] { s.Stage, s.Current, s.Reached, s.MedianDays })),
        ("funnel-conversions", FunnelResponse f) => Table.Of(table, ["from", "to", "rate"],
            f.Conversions.Select(c => new object?[] { c.From, c.To, c.Rate })),
        ("funnel-reasons", FunnelResponse f) => Table.Of(table, ["reason", "count"],
            f.DiscontinuationReasons.Select(r => new object?[] { r.Reason, r.Count })),
        ("pilots", PilotsResponse p) => Table.Of(table,
            ["experimentId", "title", "county", "stage", "sites", "channels", "start", "plannedEnd", "daysRunning", "participantsLast7Days", "evaluationOverdue"],
            p.Pilots.Select(x => new object?[] { x.ExperimentId, x.Title, x.County, x.Stage, x.Sites, x.Channels, x.Start, x.PlannedEnd, x.DaysRunning, x.ParticipantsLast7Days, x.EvaluationOverdue })),
        ("participation", ParticipationFigures p) => Table.Of(table, ["dimension", "key", "count"],
            new[] { ("total", (IReadOnlyDictionary<string, PrivateCount>)new Dictionary<string, PrivateCount> { ["all"] = p.Total }),
                    ("kind", p.ByKind), ("ageBand", p.ByAgeBand), ("way", p.ByWay), ("channel", p.ByChannel) }
                .SelectMany(d => d.Item2.Select(c => new object?[] { d.Item1, c.Key, c.Value }))),
        ("participation-reach-gaps", ParticipationFigures p) => Table.Of(table, ["dimension", "key"],
            p.ReachGaps.Select(g => new object?[] { g.Dimension, g.Key })),
        ("goals", GoalsResponse g) => Table.Of(table,
            ["projectId", "project", "county", "workstream", "indicator", "baseline", "target", "unit", "latest", "latestAt", "latestMetric", "progress", "servingExperiments", "measuringExperiments"],
            g.Goals.Select(x => new object?[] { x.ProjectId, x.Project, x.County, x.Workstream, x.Indicator, x.Baseline, x.Target, x.Unit, x.Latest, x.LatestAt, x.LatestMetric, x.Progress, x.ServingExperiments, x.MeasuringExperiments })),
        ("factors", SuccessFactorsResponse f) => Table.Of(table,
            ["factor", "level", "adoptedMean", "adoptedN", "discontinuedMean", "discontinuedN", "runningMean", "runningN", "difference"],
            f.Factors.Select(x => new object?[] { x.Factor, x.Level, x.Adopted.Mean, x.Adopted.N, x.Discontinued.Mean, x.Discontinued.N, x.Running.Mean, x.Running.N, x.Difference })),
        ("counties", CountyComparisonResponse c) => Table.Of(table,
            ["county", "experiments", "reachedPilot", "adopted", "discontinued", "adoptionRate", "medianDaysToAdoption",
             "ideaToPlanned", "plannedToPiloting", "pilotingToEvaluating", "evaluatingToAdopted", "reachGaps"],
            c.Counties.Select(x => new object?[] { x.County, x.Experiments, x.ReachedPilot, x.Adopted, x.Discontinued, x.AdoptionRate, x.MedianDaysToAdoption,
                x.Conversions[0].Rate, x.Conversions[1].Rate, x.Conversions[2].Rate, x.Conversions[3].Rate,
                x.ReachGaps.Select(g => g.Dimension + ":" + g.Key).ToList() })),
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "No such table for this dashboard."),
    };

    public static readonly IReadOnlyList<string> ExperimentColumns =
        ["id", "title", "county", "projectId", "stage", "themes", "proposedAt", "stageEnteredAt", "lastChangedAt", "version"];

    public static object?[] ExperimentRow(ExperimentListItem x) =>
        [x.Id, x.Title, x.County, x.ProjectId, x.Stage, x.Themes, x.ProposedAt, x.StageEnteredAt, x.LastChangedAt, x.Version];
}
