using Marten;
using ProjectLedger.Experiments;
using ProjectLedger.Security;
using ProjectLedger.Streams;
using Wolverine.Http;

namespace ProjectLedger.OperatingModels;

/// <summary>Puts an adopted experiment's operating model into the public catalogue; lessons go public only when chosen.</summary>
public sealed record PublishOperatingModel(bool? IncludeLessons, string? Rationale, long? ExpectedVersion = null, string? Reason = null) : IWriteCommand
{
    public Decision Decide(Experiment state, LedgerUser user)
    {
        if (state.Adoption is null)
            return new RuleBroken("Only an adopted operating model can be published", $"The experiment is at {state.Stage}; adopt it first.");
        if (state.Publication is not null)
            return new RuleBroken("Already published", $"The operating model has been in the public catalogue since {state.Publication.PublishedAt:O}.");
        var errors = new Errors().Required(Rationale, "rationale", 4000);
        if (errors.Any) return errors.ToRejection();
        return Decision.Accept(new OperatingModelPublished(IncludeLessons ?? false, Rationale!.Trim(), user.Role));
    }
}

/// <summary>Takes the operating model out of the public catalogue.</summary>
public sealed record WithdrawOperatingModel(string? Rationale, long? ExpectedVersion = null, string? Reason = null) : IWriteCommand
{
    public Decision Decide(Experiment state, LedgerUser user)
    {
        if (state.Publication is null)
            return new RuleBroken("Not published", "The operating model is not in the public catalogue.");
        var errors = new Errors().Required(Rationale, "rationale", 4000);
        if (errors.Any) return errors.ToRejection();
        return Decision.Accept(new OperatingModelWithdrawn(Rationale!.Trim(), user.Role));
    }
}

public static class PublicationEndpoints
{
    [WolverinePost("/api/experiments/{id}/publication")]
    public static Task<IResult> Publish(Guid id, PublishOperatingModel? command, IDocumentSession session, HttpContext http) =>
        StreamWrite.Append<Experiment>(session, http, id, command, (state, user) => command!.Decide(state, user));

    [WolverinePost("/api/experiments/{id}/publication/withdraw")]
    public static Task<IResult> Withdraw(Guid id, WithdrawOperatingModel? command, IDocumentSession session, HttpContext http) =>
        StreamWrite.Append<Experiment>(session, http, id, command, (state, user) => command!.Decide(state, user));
}
