using Marten;
using ProjectLedger.Experiments;
using ProjectLedger.Projects;
using ProjectLedger.Security;
using ProjectLedger.Streams;
using Wolverine.Http;

namespace ProjectLedger.OperatingModels;

/// <summary>
/// Proposes a new experiment (in the caller's county) that adapts another experiment's adopted
/// operating model, from any county. Another county's model can be adapted once it is published;
/// an unpublished one there is answered as missing, so its existence does not leak.
/// </summary>
public static class AdaptOperatingModel
{
    public static Decision Decide(Guid originId, Experiment? origin, ProposeExperiment command, Project? project, LedgerUser user)
    {
        if (origin is null || !(user.CanRead(origin.County) || origin.Publication is not null))
            return new NotFound($"There is no operating model {originId} you can adapt.");
        if (origin.Adoption is not { } adoption)
            return new RuleBroken("Only an adopted operating model can be adapted",
                $"Experiment {originId} is at {origin.Stage}; its model can be adapted once it is adopted.");
        var proposed = command.Decide(project);
        if (proposed.Rejection is not null) return proposed;
        return Decision.Accept([.. proposed.Events, new ExperimentAdaptedFrom(origin.Id, origin.County, adoption.OperatingModel.Title)]);
    }

    [WolverinePost("/api/experiments/{id}/adaptations")]
    public static async Task<IResult> Post(Guid id, ProposeExperiment? command, IDocumentSession session, HttpContext http)
    {
        if (command is null) return LedgerProblems.MissingBody();
        var ct = http.RequestAborted;
        var origin = id == Guid.Empty ? null : await session.LoadAsync<Experiment>(id, ct);
        var project = command.ProjectId is { } projectId ? await session.LoadAsync<Project>(projectId, ct) : null;
        var decision = Decide(id, origin, command, project, LedgerUser.From(http.User));
        if (decision.Rejection is { } rejection) return LedgerProblems.ToResult(rejection);
        var newId = Guid.CreateVersion7();
        return await StreamWrite.Start<Experiment>(session, http, newId, command.County!, command, _ => decision, $"/api/experiments/{newId}");
    }
}
