using Marten;
using ProjectLedger.Security;
using ProjectLedger.Streams;
using Wolverine.Http;

namespace ProjectLedger.Experiments;

public sealed record ReceiveFeedback(string Channel, int? Score, IReadOnlyList<string>? Themes,
    long? ExpectedVersion = null, string? Reason = null) : IStreamCommand<Experiment>
{
    public Invalid? Validate() => new Errors()
        .Required(Channel, "channel", 100)
        .Score(Score, "score")
        .Texts(Themes, "themes", min: 0, max: 20, maxLength: 200)
        .OrNull();

    public Decision Decide(Experiment state, LedgerUser user)
    {
        if (StageRules.Check(state.Stage, StageRules.Feedback) is { } wrong) return wrong;
        return Decision.Accept(new FeedbackReceived(Channel.Trim(), Score.GetValueOrDefault(), ExperimentValidation.Trimmed(Themes)));
    }
}

public static class ReceiveFeedbackEndpoint
{
    [WolverinePost("/api/experiments/{id}/feedback")]
    public static Task<IResult> Post(Guid id, ReceiveFeedback? command, IDocumentSession session, HttpContext http) =>
        StreamWrite.Append<Experiment>(session, http, id, command);
}
