using Marten;
using ProjectLedger.Security;
using ProjectLedger.Streams;
using Wolverine.Http;

namespace ProjectLedger.Experiments;

public sealed record EndPilot(DateOnly? Ended, long? ExpectedVersion = null, string? Reason = null) : IWriteCommand
{
    public Decision Decide(Experiment state, LedgerUser user)
    {
        if (StageRules.Check(state.Stage, StageRules.EndPilot) is { } wrong) return wrong;
        var errors = new Errors()
            .When(Ended is null, "ended", "Required: the date the pilot ended.")
            .When(Ended is { } e && state.Pilot is { } p && e < p.Start, "ended", $"The pilot started {state.Pilot?.Start:yyyy-MM-dd}; it cannot end before that.");
        if (errors.Any) return errors.ToRejection();
        return Decision.Accept(new PilotEnded(Ended!.Value),
            StageGate.Move(state, Stage.Evaluating, StageRules.EndPilot, Reason, $"Pilotti päättyi {Ended:yyyy-MM-dd}; arviointi alkaa", user.Role));
    }
}

public static class EndPilotEndpoint
{
    [WolverinePost("/api/experiments/{id}/pilot/end")]
    public static Task<IResult> Post(Guid id, EndPilot? command, IDocumentSession session, HttpContext http) =>
        StreamWrite.Append<Experiment>(session, http, id, command, (state, user) => command!.Decide(state, user));
}
