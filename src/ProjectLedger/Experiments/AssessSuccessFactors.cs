using Marten;
using ProjectLedger.Security;
using ProjectLedger.Streams;
using Wolverine.Http;

namespace ProjectLedger.Experiments;

public sealed record IndividualFactorsInput(int? Competence, int? Commitment);

public sealed record OrganisationFactorsInput(int? Leadership, int? TrustAndCollaboration, int? FlexibleWork, int? ProcessEmbedding, int? Resourcing);

/// <summary>What makes experiments stick, scored 1–5: the individual and the organisation level.</summary>
public sealed record AssessSuccessFactors(IndividualFactorsInput Individual, OrganisationFactorsInput Organisation,
    long? ExpectedVersion = null, string? Reason = null) : IStreamCommand<Experiment>
{
    public Invalid? Validate()
    {
        var i = Individual;
        var o = Organisation;
        return new Errors()
            .Score(i?.Competence, "individual.competence").Score(i?.Commitment, "individual.commitment")
            .Score(o?.Leadership, "organisation.leadership").Score(o?.TrustAndCollaboration, "organisation.trustAndCollaboration")
            .Score(o?.FlexibleWork, "organisation.flexibleWork").Score(o?.ProcessEmbedding, "organisation.processEmbedding")
            .Score(o?.Resourcing, "organisation.resourcing")
            .OrNull();
    }

    public Decision Decide(Experiment state, LedgerUser user)
    {
        if (StageRules.Check(state.Stage, StageRules.SuccessFactors) is { } wrong) return wrong;
        var (i, o) = (Individual, Organisation);
        return Decision.Accept(new SuccessFactorsAssessed(
            new IndividualFactors(i.Competence.GetValueOrDefault(), i.Commitment.GetValueOrDefault()),
            new OrganisationFactors(o.Leadership.GetValueOrDefault(), o.TrustAndCollaboration.GetValueOrDefault(), o.FlexibleWork.GetValueOrDefault(),
                o.ProcessEmbedding.GetValueOrDefault(), o.Resourcing.GetValueOrDefault())));
    }
}

public static class AssessSuccessFactorsEndpoint
{
    [WolverinePost("/api/experiments/{id}/success-factors")]
    public static Task<IResult> Post(Guid id, AssessSuccessFactors? command, IDocumentSession session, HttpContext http) =>
        StreamWrite.Append<Experiment>(session, http, id, command);
}
