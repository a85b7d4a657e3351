using Microsoft.AspNetCore.Mvc;
using Marten;
using ProjectLedger.Experiments;
using ProjectLedger.Projects;
using ProjectLedger.Security;
using ProjectLedger.Streams;
using Wolverine.Http;

namespace ProjectLedger.OperatingModels;

/// <summary>What adapting needs besides the proposal: the experiment whose model is adapted, and the project the new one joins.</summary>
public sealed record AdaptationContext(Experiment? Origin, Project? Project);

/// <summary>
/// Proposes a new experiment (in the caller's county) that adapts another experiment's adopted
/// operating model, from any county. Another county's model can be adapted once it is published;
/// an unpublished one there is answered as missing, so its existence does not leak.
/// </summary>
public sealed record AdaptOperatingModel(Guid OriginId, ProposeExperiment Proposal) : IStartCommand<AdaptationContext>
{
    public long? ExpectedVersion => Proposal.ExpectedVersion;
    public string? Reason => Proposal.Reason;
    public string County => Proposal.County;

    public Invalid? Validate() => Proposal.Validate();

    public async Task<AdaptationContext> Context(IQuerySession session, CancellationToken ct) => new(
        OriginId == Guid.Empty ? null : await session.LoadAsync<Experiment>(OriginId, ct),
        await Proposal.Context(session, ct));

    public Decision Decide(AdaptationContext context, LedgerUser user)
    {
        if (context.Origin is not { } origin || !(user.CanRead(origin.County) || origin.Publication is not null))
            return new NotFound($"There is no operating model {OriginId} you can adapt.");
        if (origin.Adoption is not { } adoption)
            return new RuleBroken("Only an adopted operating model can be adapted",
                $"Experiment {OriginId} is at {origin.Stage}; its model can be adapted once it is adopted.");
        var proposed = Proposal.Decide(context.Project, user);
        if (proposed.Rejection is not null) return proposed;
        return Decision.Accept([.. proposed.Events, new ExperimentAdaptedFrom(origin.Id, origin.County, adoption.OperatingModel.Title)]);
    }
}

public static class AdaptOperatingModelEndpoint
{
    [EndpointSummary("Adapt another county's operating model: a new experiment in your county")]
    [ProducesResponseType<WriteResult>(201)]
    [WolverinePost("/api/experiments/{id}/adaptations")]
    public static Task<IResult> Post(Guid id, ProposeExperiment? command, IDocumentSession session, HttpContext http) =>
        StreamWrite.Start<Experiment, AdaptationContext>(session, http, command is null ? null : new AdaptOperatingModel(id, command), newId => $"/api/experiments/{newId}");
}
