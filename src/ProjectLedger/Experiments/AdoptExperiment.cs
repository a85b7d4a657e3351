using Marten;
using ProjectLedger.Security;
using ProjectLedger.Streams;
using Wolverine.Http;

namespace ProjectLedger.Experiments;

public sealed record OperatingModelInput(string? Title, string? Link);

/// <summary>Into everyday use: at which scope, embedded into which processes, with the published operating model.</summary>
public sealed record AdoptExperiment(string? Scope, IReadOnlyList<string?>? Processes, OperatingModelInput? OperatingModel, string? Rationale,
    long? ExpectedVersion = null, string? Reason = null) : IWriteCommand
{
    public Decision Decide(Experiment state, LedgerUser user)
    {
        if (StageRules.Check(state.Stage, StageRules.Adopt) is { } wrong) return wrong;
        if (state.Evaluation?.Verdict != "adopt")
            return new RuleBroken("Adoption needs an evaluation that recommends it",
                state.Evaluation is null
                    ? "Complete the evaluation first (POST /evaluation with verdict \"adopt\")."
                    : $"The latest evaluation's verdict is \"{state.Evaluation.Verdict}\", not \"adopt\".");
        var errors = new Errors()
            .OneOf(Scope, Vocabulary.Scopes, "scope")
            .Texts(Processes, "processes", min: 1, max: 50, maxLength: 300)
            .Required(OperatingModel?.Title, "operatingModel.title", 300)
            .MaxLength(OperatingModel?.Link, "operatingModel.link", 1000)
            .When(OperatingModel?.Link is { Length: > 0 } link && !IsWebLink(link), "operatingModel.link", "An absolute http:// or https:// URL.")
            .Required(Rationale, "rationale", 4000);
        if (errors.Any) return errors.ToRejection();
        return Decision.Accept(
            new ExperimentAdopted(Scope!, ExperimentValidation.Trimmed(Processes), new OperatingModel(OperatingModel!.Title!.Trim(), OperatingModel.Link?.Trim()), Rationale!.Trim()),
            StageGate.Move(state, Stage.Adopted, StageRules.Adopt, Rationale, "", user.Role));
    }

    /// <summary>Links are shown to people as links: only http and https (never javascript:, data:, file:).</summary>
    public static bool IsWebLink(string link) =>
        Uri.TryCreate(link.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}

public sealed record WidenAdoptionScope(string? Scope, string? Rationale, long? ExpectedVersion = null, string? Reason = null) : IWriteCommand
{
    public Decision Decide(Experiment state, LedgerUser user)
    {
        if (StageRules.Check(state.Stage, StageRules.AdoptionScope) is { } wrong) return wrong;
        var current = state.Adoption!.Scope;
        var errors = new Errors()
            .OneOf(Scope, Vocabulary.Scopes, "scope")
            .Required(Rationale, "rationale", 4000);
        if (errors.Any) return errors.ToRejection();
        if (Vocabulary.ScopeRank(Scope!) <= Vocabulary.ScopeRank(current))
            return Invalid.Field("scope", $"Adoption is already at {current}; widen it to one of: " +
                Vocabulary.List(Vocabulary.Scopes.Skip(Vocabulary.ScopeRank(current) + 1).ToList()) + ".");
        return Decision.Accept(new AdoptionScopeWidened(current, Scope!, Rationale!.Trim()));
    }
}

public static class AdoptionEndpoints
{
    [WolverinePost("/api/experiments/{id}/adopt")]
    public static Task<IResult> Adopt(Guid id, AdoptExperiment? command, IDocumentSession session, HttpContext http) =>
        StreamWrite.Append<Experiment>(session, http, id, command, (state, user) => command!.Decide(state, user));

    [WolverinePost("/api/experiments/{id}/adoption-scope")]
    public static Task<IResult> Widen(Guid id, WidenAdoptionScope? command, IDocumentSession session, HttpContext http) =>
        StreamWrite.Append<Experiment>(session, http, id, command, (state, user) => command!.Decide(state, user));
}
