using Marten;
using ProjectLedger.Experiments;
using ProjectLedger.Security;
using Wolverine.Http;

namespace ProjectLedger.OperatingModels;

public sealed record ExperimentSpread(Guid Id, Lineage? AdaptedFrom, int Total, IReadOnlyList<SpreadNode> Adaptations);

public static class SpreadEndpoint
{
    /// <summary>Where the experiment's model spread, for a signed-in reader: titles of what they may read or what is published.</summary>
    [WolverineGet("/api/experiments/{id}/spread")]
    public static async Task<IResult> Get(Guid id, IQuerySession session, HttpContext http)
    {
        var experiment = await session.LoadAsync<Experiment>(id, http.RequestAborted);
        if (ReadExperimentEndpoints.Readable(experiment, id, http) is { } refusal) return refusal;
        var user = LedgerUser.From(http.User);
        var tree = SpreadTree.Build(id, await SpreadTree.Descendants(session, id, http.RequestAborted),
            e => user.CanRead(e.County) || e.Publication is not null);
        return Results.Ok(new ExperimentSpread(id, experiment!.AdaptedFrom, SpreadTree.Count(tree), tree));
    }
}
