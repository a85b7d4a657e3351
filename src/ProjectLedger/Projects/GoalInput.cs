using ProjectLedger.Streams;

namespace ProjectLedger.Projects;

/// <summary>A goal as a client sends it; numbers are nullable so a missing one is a clear error.</summary>
public sealed record GoalInput(string Indicator, decimal? Baseline, decimal? Target, string Unit)
{
    public static void Validate(GoalInput? goal, string path, Errors errors)
    {
        if (goal is null)
        {
            errors.Add(path, "A goal is required.");
            return;
        }
        errors.Required(goal.Indicator, $"{path}.indicator", 500)
            .When(goal.Baseline is null, $"{path}.baseline", "A number is required.")
            .When(goal.Target is null, $"{path}.target", "A number is required.")
            .Required(goal.Unit, $"{path}.unit", 50);
    }

    public Goal ToGoal() => new(Indicator.Trim(), Baseline.GetValueOrDefault(), Target.GetValueOrDefault(), Unit.Trim());
}
