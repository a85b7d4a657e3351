using Marten;
using ProjectLedger.Security;
using ProjectLedger.Streams;
using Wolverine.Http;

namespace ProjectLedger.Experiments;

/// <summary>An experience-expert clinic, an NGO clinic or a workshop, with its theme agreed in advance.</summary>
public sealed record HoldCoDevelopmentSession(
    string Kind, DateOnly? Date, string Theme, IReadOnlyDictionary<string, int> AttendeesByKind, IReadOnlyList<string>? Insights,
    long? ExpectedVersion = null, string? Reason = null) : IStreamCommand<Experiment>
{
    public Invalid? Validate() => new Errors()
        .OneOf(Kind, Vocabulary.SessionKinds, "kind")
        .When(Date is null, "date", "Required.")
        .Required(Theme, "theme", 500)
        .Counts(AttendeesByKind, Vocabulary.StakeholderKinds, "attendeesByKind")
        .Texts(Insights, "insights", min: 0, max: 50, maxLength: 2000)
        .OrNull();

    public Decision Decide(Experiment state, LedgerUser user)
    {
        if (StageRules.Check(state.Stage, StageRules.Sessions) is { } wrong) return wrong;
        return Decision.Accept(new CoDevelopmentSessionHeld(Kind, Date.GetValueOrDefault(), Theme.Trim(),
            ExperimentValidation.NonZero(AttendeesByKind), ExperimentValidation.Trimmed(Insights)));
    }
}

public static class HoldCoDevelopmentSessionEndpoint
{
    [WolverinePost("/api/experiments/{id}/sessions")]
    public static Task<IResult> Post(Guid id, HoldCoDevelopmentSession? command, IDocumentSession session, HttpContext http) =>
        StreamWrite.Append<Experiment>(session, http, id, command);
}
