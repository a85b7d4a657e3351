using Marten;
using ProjectLedger.Security;
using ProjectLedger.Streams;
using Wolverine.Http;

namespace ProjectLedger.Experiments;

public sealed record SuccessCriterionInput(string Metric, decimal? Baseline, decimal? Target, string Unit);

public sealed record PlanExperiment(
    string Hypothesis, string TargetGroup, IReadOnlyList<SuccessCriterionInput> SuccessCriteria,
    IReadOnlyList<string>? GoalsServed, decimal? ParticipationHours,
    long? ExpectedVersion = null, string? Reason = null) : IStreamCommand<Experiment>
{
    public Invalid? Validate()
    {
        var criteria = SuccessCriteria ?? [];
        var errors = new Errors()
            .Required(Hypothesis, "hypothesis", 4000)
            .Required(TargetGroup, "targetGroup", 1000)
            .When(criteria.Count == 0, "successCriteria", "A plan needs at least one success criterion.")
            .When(criteria.Count > 30, "successCriteria", "At most 30 success criteria.")
            .Texts(GoalsServed, "goalsServed", min: 0, max: 30)
            .Number(ParticipationHours, "participationHours", 0, 1_000_000);
        for (var i = 0; i < Math.Min(criteria.Count, 30); i++)
        {
            var c = criteria[i];
            errors.Required(c?.Metric, $"successCriteria[{i}].metric", 300)
                  .Number(c?.Baseline, $"successCriteria[{i}].baseline")
                  .Number(c?.Target, $"successCriteria[{i}].target")
                  .Required(c?.Unit, $"successCriteria[{i}].unit", 50);
        }
        var metrics = criteria.Where(c => !string.IsNullOrWhiteSpace(c?.Metric)).Select(c => c.Metric.Trim()).ToList();
        return errors.When(metrics.Count != metrics.Distinct().Count(), "successCriteria", "Each criterion needs a metric of its own.").OrNull();
    }

    public Decision Decide(Experiment state, LedgerUser user)
    {
        if (StageRules.Check(state.Stage, StageRules.Plan) is { } wrong) return wrong;
        var planned = new ExperimentPlanned(
            Hypothesis.Trim(), TargetGroup.Trim(),
            SuccessCriteria.Select(c => new SuccessCriterion(c.Metric.Trim(), c.Baseline.GetValueOrDefault(), c.Target.GetValueOrDefault(), c.Unit.Trim())).ToList(),
            ExperimentValidation.Trimmed(GoalsServed), ParticipationHours.GetValueOrDefault());
        return state.Stage == Stage.Idea
            ? Decision.Accept(planned, StageGate.Move(state, Stage.Planned, StageRules.Plan, Reason, "Suunnitelma hyväksytty: " + planned.Hypothesis, user.Role))
            : Decision.Accept(planned);
    }
}

public static class PlanExperimentEndpoint
{
    [WolverinePost("/api/experiments/{id}/plan")]
    public static Task<IResult> Post(Guid id, PlanExperiment? command, IDocumentSession session, HttpContext http) =>
        StreamWrite.Append<Experiment>(session, http, id, command);
}
