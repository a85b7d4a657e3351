using Marten;
using ProjectLedger.Security;
using ProjectLedger.Streams;
using Wolverine.Http;

namespace ProjectLedger.Experiments;

public sealed record DiscontinueExperiment(string Reason, string Lessons, long? ExpectedVersion = null) : IStreamCommand<Experiment>
{
    public Invalid? Validate() => new Errors()
        .Required(Reason, "reason", 2000)
        .Required(Lessons, "lessons", 8000)
        .OrNull();

    public Decision Decide(Experiment state, LedgerUser user)
    {
        if (StageRules.Check(state.Stage, StageRules.Discontinue) is { } wrong) return wrong;
        return Decision.Accept(new ExperimentDiscontinued(Reason.Trim(), Lessons.Trim()),
            StageGate.Move(state, Stage.Discontinued, StageRules.Discontinue, Reason, "", user.Role));
    }
}

public static class DiscontinueExperimentEndpoint
{
    [WolverinePost("/api/experiments/{id}/discontinue")]
    public static Task<IResult> Post(Guid id, DiscontinueExperiment? command, IDocumentSession session, HttpContext http) =>
        StreamWrite.Append<Experiment>(session, http, id, command);
}
