using ProjectLedger.Experiments;

namespace ProjectLedger.Portfolio;

/// <summary>
/// One project goal's progress: baseline → target → the latest value measured by the experiments that
/// serve it (the plan's goalsServed names the goal's indicator). A measurement counts when its success
/// criterion is in the goal's unit; the latest by measurement date wins.
/// </summary>
public sealed record GoalProgress(
    Guid ProjectId, string Project, string County, string Workstream, string Indicator, decimal Baseline, decimal Target, string Unit,
    decimal? Latest, DateOnly? LatestAt, string? LatestMetric, Guid? LatestExperimentId, decimal? Progress, int ServingExperiments, int MeasuringExperiments);

public sealed record GoalsResponse(string Scope, IReadOnlyList<GoalProgress> Goals, DateTimeOffset? At, DateTimeOffset? UpdatedAt)
{
    public static GoalsResponse From(string scope, PortfolioStates states, DateTimeOffset? at)
    {
        var byProject = states.Experiments.Where(e => e.ProjectId is not null && e.Plan is not null)
            .ToLookup(e => e.ProjectId!.Value);
        var goals = new List<GoalProgress>();
        foreach (var project in states.Projects.OrderBy(p => p.County).ThenBy(p => p.Name))
        foreach (var workstream in project.Workstreams)
        foreach (var goal in workstream.Goals)
        {
            var serving = byProject[project.Id].Where(e => Serves(e, goal.Indicator)).ToList();
            var measured = serving
                .SelectMany(e => e.Measurements.Where(m => m.Latest is not null && SameUnit(m.Unit, goal.Unit)).Select(m => (Experiment: e, Measure: m)))
                .ToList();
            var latest = measured.OrderByDescending(x => x.Measure.LatestAt).ThenByDescending(x => x.Experiment.LastChangedAt).FirstOrDefault();
            var value = latest.Measure?.Latest;
            goals.Add(new GoalProgress(project.Id, project.Name, project.County, workstream.Name, goal.Indicator, goal.Baseline, goal.Target, goal.Unit,
                value, latest.Measure?.LatestAt, latest.Measure?.Metric, latest.Experiment?.Id, Progress(goal.Baseline, goal.Target, value),
                serving.Count, measured.Select(x => x.Experiment.Id).Distinct().Count()));
        }
        return new GoalsResponse(scope, goals, at, states.LastEventAt);
    }

    /// <summary>How far from baseline to target the latest value is (0 = baseline, 1 = target; may pass 1 or fall below 0).</summary>
    public static decimal? Progress(decimal baseline, decimal target, decimal? latest) =>
        latest is not { } value || target == baseline ? null : Math.Round((value - baseline) / (target - baseline), 3);

    private static bool Serves(Experiment e, string indicator) =>
        e.Plan!.GoalsServed.Any(g => string.Equals(g.Trim(), indicator.Trim(), StringComparison.OrdinalIgnoreCase));

    private static bool SameUnit(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
