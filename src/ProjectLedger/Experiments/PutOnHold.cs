using Marten;
using ProjectLedger.Security;
using ProjectLedger.Streams;
using Wolverine.Http;

namespace ProjectLedger.Experiments;

public sealed record PutOnHold(string Reason, DateOnly? ReviewOn = null, long? ExpectedVersion = null) : IStreamCommand<Experiment>
{
    public Invalid? Validate() => new Errors().Required(Reason, "reason", 2000).OrNull();

    public Decision Decide(Experiment state, LedgerUser user)
    {
        if (StageRules.Check(state.Stage, StageRules.Hold) is { } wrong) return wrong;
        return Decision.Accept(new ExperimentPutOnHoldV2(Reason.Trim(), ReviewOn),
            StageGate.Move(state, Stage.OnHold, StageRules.Hold, Reason, "", user.Role));
    }
}

public sealed record ResumeExperiment(long? ExpectedVersion = null, string? Reason = null) : IStreamCommand<Experiment>
{
    public Invalid? Validate() => null;

    public Decision Decide(Experiment state, LedgerUser user)
    {
        if (StageRules.Check(state.Stage, StageRules.Resume) is { } wrong) return wrong;
        var back = state.OnHold!.From;
        return Decision.Accept(new ExperimentResumed(back),
            StageGate.Move(state, back, StageRules.Resume, Reason, $"Jatketaan vaiheesta {back}", user.Role));
    }
}

public static class HoldAndResumeEndpoints
{
    [WolverinePost("/api/experiments/{id}/hold")]
    public static Task<IResult> Hold(Guid id, PutOnHold? command, IDocumentSession session, HttpContext http) =>
        StreamWrite.Append<Experiment>(session, http, id, command);

    [WolverinePost("/api/experiments/{id}/resume")]
    public static Task<IResult> Resume(Guid id, ResumeExperiment? command, IDocumentSession session, HttpContext http) =>
        StreamWrite.Append<Experiment>(session, http, id, command ?? new ResumeExperiment());
}
