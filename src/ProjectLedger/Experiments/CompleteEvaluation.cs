using Marten;
using ProjectLedger.Security;
using ProjectLedger.Streams;
using Wolverine.Http;

namespace ProjectLedger.Experiments;

public sealed record CriterionJudgementInput(string Metric, bool? Met, string? Note);

/// <summary>
/// Judges every success criterion of the plan. Verdict "revise" sends the experiment back to
/// Planned to pilot again; "adopt" and "discontinue" are followed by their own decisions.
/// </summary>
public sealed record CompleteEvaluation(IReadOnlyList<CriterionJudgementInput> Criteria, string Verdict, string Lessons,
    long? ExpectedVersion = null, string? Reason = null) : IStreamCommand<Experiment>
{
    public Invalid? Validate()
    {
        var judged = Criteria ?? [];
        var errors = new Errors()
            .OneOf(Verdict, Vocabulary.Verdicts, "verdict")
            .Required(Lessons, "lessons", 8000)
            .When(judged.Count > 30, "criteria", "At most 30.");
        for (var i = 0; i < Math.Min(judged.Count, 30); i++)
        {
            errors.Required(judged[i]?.Metric, $"criteria[{i}].metric", 300)
                  .When(judged[i]?.Met is null, $"criteria[{i}].met", "Say whether the criterion was met (true or false).")
                  .MaxLength(judged[i]?.Note, $"criteria[{i}].note", 2000);
        }
        var metrics = Metrics();
        return errors.When(metrics.Count != metrics.Distinct().Count(), "criteria", "Judge each criterion once.").OrNull();
    }

    private List<string> Metrics() => (Criteria ?? []).Where(c => c?.Metric is not null).Select(c => c.Metric.Trim()).ToList();

    public Decision Decide(Experiment state, LedgerUser user)
    {
        if (StageRules.Check(state.Stage, StageRules.Evaluation) is { } wrong) return wrong;
        var planned = state.Plan?.SuccessCriteria.Select(c => c.Metric).ToList() ?? [];
        var metrics = Metrics();
        var missing = planned.Except(metrics).ToList();
        var unknown = metrics.Except(planned).ToList();
        var errors = new Errors()
            .When(missing.Count > 0, "criteria", $"Judge every criterion of the plan; missing: {string.Join("; ", missing)}.")
            .When(unknown.Count > 0, "criteria", $"Not criteria of the plan: {string.Join("; ", unknown)}.");
        if (errors.Any) return errors.ToRejection();

        var evaluation = new EvaluationCompleted(
            Criteria.Select(c => new CriterionJudgement(c.Metric.Trim(), c.Met.GetValueOrDefault(), c.Note?.Trim())).ToList(), Verdict, Lessons.Trim());
        return Verdict == "revise"
            ? Decision.Accept(evaluation, StageGate.Move(state, Stage.Planned, "revise", Reason, "Arviointi: kokeilua korjataan ja pilotoidaan uudelleen", user.Role))
            : Decision.Accept(evaluation);
    }
}

public static class CompleteEvaluationEndpoint
{
    [WolverinePost("/api/experiments/{id}/evaluation")]
    public static Task<IResult> Post(Guid id, CompleteEvaluation? command, IDocumentSession session, HttpContext http) =>
        StreamWrite.Append<Experiment>(session, http, id, command);
}
