using Microsoft.AspNetCore.Mvc;
using Marten;
using ProjectLedger.Security;
using ProjectLedger.Streams;
using Wolverine.Http;

namespace ProjectLedger.Experiments;

public static class ReadExperimentEndpoints
{
    /// <summary>The current state, straight from the inline snapshot (participation counts of 1–4 as "&lt; 5" to all but auditors).</summary>
    [EndpointSummary("An experiment's current state")]
    [ProducesResponseType<Experiment>(200)]
    [WolverineGet("/api/experiments/{id}")]
    public static async Task<IResult> Get(Guid id, IQuerySession session, HttpContext http)
    {
        var experiment = await session.LoadAsync<Experiment>(id, http.RequestAborted);
        return Readable(experiment, id, http) ?? Results.Ok(ExperimentSeen.For(experiment!, http));
    }

    /// <summary>The state as it stood at a version or a moment, folded from the events up to it.</summary>
    [EndpointSummary("An experiment as it stood at a version or a moment")]
    [ProducesResponseType<Experiment>(200)]
    [WolverineGet("/api/experiments/{id}/as-of")]
    public static async Task<IResult> AsOf(Guid id, long? version, DateTimeOffset? at, IQuerySession session, ExperimentAsOf asOf, HttpContext http)
    {
        if (version is null == at is null)
            return LedgerProblems.ToResult(Invalid.Field("version", "Give either ?version=N or ?at=TIME (ISO-8601), not both."));
        if (version is < 1)
            return LedgerProblems.ToResult(Invalid.Field("version", "Versions start at 1."));

        var current = await session.LoadAsync<Experiment>(id, http.RequestAborted);
        if (Readable(current, id, http) is { } refusal) return refusal;
        var then = await asOf.At(id, version, at?.ToUniversalTime(), http.RequestAborted);
        // Folded from what is stored (not the snapshot): ending below the version asked means there is no such version.
        if (version > then?.Version)
            return LedgerProblems.ToResult(Invalid.Field("version", $"The experiment is at version {then!.Version}."));
        return then is null
            ? LedgerProblems.ToResult(new NotFound($"Experiment {id} had not been proposed yet at {at:O}."))
            : Results.Ok(ExperimentSeen.For(then, http));
    }

    /// <summary>404 when missing, 403 outside the caller's county; null when the caller may read it.</summary>
    public static IResult? Readable(Experiment? experiment, Guid id, HttpContext http)
    {
        if (experiment is null) return LedgerProblems.ToResult(new NotFound($"There is no experiment {id}."));
        return Refusals.Read(LedgerUser.From(http.User), experiment.County, "experiment") is { } refused ? LedgerProblems.ToResult(refused) : null;
    }
}
