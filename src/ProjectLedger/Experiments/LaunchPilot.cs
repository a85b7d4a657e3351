using Marten;
using ProjectLedger.Security;
using ProjectLedger.Streams;
using Wolverine.Http;

namespace ProjectLedger.Experiments;

public sealed record LaunchPilot(IReadOnlyList<string> Sites, DateOnly? Start, DateOnly? PlannedEnd, IReadOnlyList<string>? Channels,
    long? ExpectedVersion = null, string? Reason = null) : IStreamCommand<Experiment>
{
    public Invalid? Validate() => new Errors()
        .Texts(Sites, "sites", min: 1, max: 100, maxLength: 300)
        .When(Start is null, "start", "A pilot needs a start date.")
        .When(PlannedEnd is null, "plannedEnd", "A pilot needs a planned end date.")
        .When(Start is { } s && PlannedEnd is { } e && e < s, "plannedEnd", "The planned end comes after the start.")
        .Texts(Channels, "channels", min: 0, max: 20, maxLength: 100)
        .OrNull();

    public Decision Decide(Experiment state, LedgerUser user)
    {
        if (StageRules.Check(state.Stage, StageRules.Pilot) is { } wrong) return wrong;
        var launched = new PilotLaunched(ExperimentValidation.Trimmed(Sites), Start.GetValueOrDefault(), PlannedEnd.GetValueOrDefault(), ExperimentValidation.Trimmed(Channels));
        return Decision.Accept(launched,
            StageGate.Move(state, Stage.Piloting, StageRules.Pilot, Reason, $"Pilotti käynnistyy {launched.Start:yyyy-MM-dd}: {string.Join(", ", launched.Sites)}", user.Role));
    }
}

public static class LaunchPilotEndpoint
{
    [WolverinePost("/api/experiments/{id}/pilot")]
    public static Task<IResult> Post(Guid id, LaunchPilot? command, IDocumentSession session, HttpContext http) =>
        StreamWrite.Append<Experiment>(session, http, id, command);
}
