using Marten;
using ProjectLedger.Security;
using ProjectLedger.Streams;
using Wolverine.Http;

namespace ProjectLedger.Experiments;

public sealed record EndPilot(DateOnly? Ended, long? ExpectedVersion = null, string? Reason = null) : IStreamCommand<Experiment>
{
    public Invalid? Validate() => new Errors().When(Ended is null, "ended", "Required: the date the pilot ended.").OrNull();

    public Decision Decide(Experiment state, LedgerUser user)
    {
        if (StageRules.Check(state.Stage, StageRules.EndPilot) is { } wrong) return wrong;
        var ended = Ended.GetValueOrDefault();
        if (state.Pilot is { } p && ended < p.Start)
            return Invalid.Field("ended", $"The pilot started {p.Start:yyyy-MM-dd}; it cannot end before that.");
        return Decision.Accept(new PilotEnded(ended),
            StageGate.Move(state, Stage.Evaluating, StageRules.EndPilot, Reason, $"Pilotti päättyi {Ended:yyyy-MM-dd}; arviointi alkaa", user.Role));
    }
}

public static class EndPilotEndpoint
{
    [WolverinePost("/api/experiments/{id}/pilot/end")]
    public static Task<IResult> Post(Guid id, EndPilot? command, IDocumentSession session, HttpContext http) =>
        StreamWrite.Append<Experiment>(session, http, id, command);
}
