using Marten;
using ProjectLedger.Security;
using ProjectLedger.Streams;
using Wolverine.Http;

namespace ProjectLedger.Experiments;

/// <summary>Who takes part, answering: for whom is it designed, who delivers it, who resources and leads it?</summary>
public sealed record JoinStakeholder(string Organisation, string Kind, IReadOnlyList<string> Roles,
    long? ExpectedVersion = null, string? Reason = null) : IStreamCommand<Experiment>
{
    public Invalid? Validate()
    {
        var roles = Roles ?? [];
        var errors = new Errors()
            .Required(Organisation, "organisation", 300)
            .OneOf(Kind, Vocabulary.StakeholderKinds, "kind")
            .When(roles.Count == 0, "roles", $"Say which of {Vocabulary.List(Vocabulary.StakeholderRoles)} the stakeholder answers.")
            // Only the first 10 are checked one by one: a longer list could carry an unchecked role.
            .When(roles.Count > 10, "roles", "At most 10.");
        for (var i = 0; i < Math.Min(roles.Count, 10); i++) errors.OneOf(roles[i], Vocabulary.StakeholderRoles, $"roles[{i}]");
        return errors.OrNull();
    }

    public Decision Decide(Experiment state, LedgerUser user)
    {
        if (StageRules.Check(state.Stage, StageRules.Stakeholders) is { } wrong) return wrong;
        return Decision.Accept(new StakeholderJoined(Organisation.Trim(), Kind, Roles.Distinct().ToList()));
    }
}

public static class JoinStakeholderEndpoint
{
    [WolverinePost("/api/experiments/{id}/stakeholders")]
    public static Task<IResult> Post(Guid id, JoinStakeholder? command, IDocumentSession session, HttpContext http) =>
        StreamWrite.Append<Experiment>(session, http, id, command);
}
