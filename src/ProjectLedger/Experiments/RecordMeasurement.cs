using Marten;
using ProjectLedger.Security;
using ProjectLedger.Streams;
using Wolverine.Http;

namespace ProjectLedger.Experiments;

public sealed record RecordMeasurement(string Metric, decimal? Value, DateOnly? At,
    long? ExpectedVersion = null, string? Reason = null) : IStreamCommand<Experiment>
{
    public Invalid? Validate() => new Errors()
        .Required(Metric, "metric", 300)
        .Number(Value, "value")
        .When(At is null, "at", "Required: the date the value was measured.")
        .OrNull();

    public Decision Decide(Experiment state, LedgerUser user)
    {
        if (StageRules.Check(state.Stage, StageRules.Measurements) is { } wrong) return wrong;
        var metrics = state.Plan?.SuccessCriteria.Select(c => c.Metric).ToList() ?? [];
        if (!metrics.Contains(Metric.Trim()))
            return Invalid.Field("metric", $"Measure one of the plan's success criteria: {string.Join("; ", metrics)}.");
        return Decision.Accept(new MeasurementRecorded(Metric.Trim(), Value.GetValueOrDefault(), At.GetValueOrDefault()));
    }
}

public static class RecordMeasurementEndpoint
{
    [WolverinePost("/api/experiments/{id}/measurements")]
    public static Task<IResult> Post(Guid id, RecordMeasurement? command, IDocumentSession session, HttpContext http) =>
        StreamWrite.Append<Experiment>(session, http, id, command);
}
