using ProjectLedger.Experiments;

namespace ProjectLedger.Portfolio;

/// <summary>A factor's mean score (1–5) among the assessed experiments of one outcome, with how many assessments it rests on.</summary>
public sealed record FactorMean(decimal? Mean, int N);

/// <summary>One success factor at its level (individual or organisation), by outcome.</summary>
public sealed record FactorByOutcome(string Factor, string Level, FactorMean Adopted, FactorMean Discontinued, FactorMean Running, decimal? Difference);

public sealed record SuccessFactorsResponse(
    string Scope, IReadOnlyList<FactorByOutcome> Factors, IReadOnlyList<string> DifferMost, int Assessed, DateTimeOffset? At, DateTimeOffset? UpdatedAt)
{
    public const string Individual = "individual";
    public const string Organisation = "organisation";

    private static readonly (string Name, string Level, Func<SuccessFactorsAssessed, int> Score)[] All =
    [
        ("competence", Individual, f => f.Individual.Competence),
        ("commitment", Individual, f => f.Individual.Commitment),
        ("leadership", Organisation, f => f.Organisation.Leadership),
        ("trustAndCollaboration", Organisation, f => f.Organisation.TrustAndCollaboration),
        ("flexibleWork", Organisation, f => f.Organisation.FlexibleWork),
        ("processEmbedding", Organisation, f => f.Organisation.ProcessEmbedding),
        ("resourcing", Organisation, f => f.Organisation.Resourcing),
    ];

    public static IReadOnlyList<string> FactorNames => All.Select(f => f.Name).ToList();

    /// <summary>
    /// Each factor's means for adopted, discontinued and still-running experiments (the latest assessment of each).
    /// "Differ most" are up to three factors with the largest gap between adopted and discontinued, largest first.
    /// </summary>
    public static SuccessFactorsResponse From(string scope, PortfolioStates states, DateTimeOffset? at)
    {
        var assessed = states.Experiments.Where(e => e.SuccessFactors is not null).ToList();
        var adopted = assessed.Where(e => e.Stage == Stage.Adopted).Select(e => e.SuccessFactors!).ToList();
        var discontinued = assessed.Where(e => e.Stage == Stage.Discontinued).Select(e => e.SuccessFactors!).ToList();
        var running = assessed.Where(e => e.Stage is not (Stage.Adopted or Stage.Discontinued)).Select(e => e.SuccessFactors!).ToList();
        var factors = All.Select(f =>
        {
            var a = Mean(adopted, f.Score);
            var d = Mean(discontinued, f.Score);
            return new FactorByOutcome(f.Name, f.Level, a, d, Mean(running, f.Score),
                a.Mean is { } am && d.Mean is { } dm ? am - dm : null);
        }).ToList();
        var differMost = factors.Where(f => f.Difference is { } d && d != 0)
            .OrderByDescending(f => Math.Abs(f.Difference!.Value)).ThenBy(f => f.Factor).Take(3).Select(f => f.Factor).ToList();
        return new SuccessFactorsResponse(scope, factors, differMost, assessed.Count, at, states.LastEventAt);
    }

    private static FactorMean Mean(IReadOnlyList<SuccessFactorsAssessed> assessments, Func<SuccessFactorsAssessed, int> score) =>
        assessments.Count == 0 ? new FactorMean(null, 0) : new FactorMean(Math.Round((decimal)assessments.Sum(score) / assessments.Count, 2), assessments.Count);
}
