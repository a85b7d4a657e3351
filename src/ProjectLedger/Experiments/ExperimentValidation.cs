using ProjectLedger.Streams;

namespace ProjectLedger.Experiments;

/// <summary>Checks shared by the experiment commands; each adds field errors to an Errors.</summary>
public static class ExperimentValidation
{
    public const int MaxCount = 1_000_000;

    public static Errors OneOf(this Errors errors, string? value, IReadOnlyList<string> allowed, string field) =>
        errors.When(value is null || !allowed.Contains(value), field,
            value is null ? $"Required; one of: {Vocabulary.List(allowed)}." : $"'{Clip(value)}' is not one of: {Vocabulary.List(allowed)}.");

    public static Errors Texts(this Errors errors, IReadOnlyList<string?>? values, string field, int min, int max = 100, int maxLength = 500)
    {
        var count = values?.Count ?? 0;
        errors.When(count < min, field, min == 1 ? "At least one is required." : $"At least {min} are required.")
              .When(count > max, field, $"At most {max}.");
        for (var i = 0; i < Math.Min(count, max); i++) errors.Required(values![i], $"{field}[{i}]", maxLength);
        return errors;
    }

    /// <summary>Counts keyed by the contract's words: known keys, no negatives, no absurd sizes.</summary>
    public static Errors Counts(this Errors errors, IReadOnlyDictionary<string, int>? counts, IReadOnlyList<string> keys, string field, bool required = true)
    {
        if (counts is null || counts.Count == 0)
            return errors.When(required, field, $"Give counts by {Vocabulary.List(keys)}.");
        foreach (var (key, value) in counts)
        {
            if (!keys.Contains(key)) errors.Add($"{field}.{Clip(key)}", $"Unknown key; use: {Vocabulary.List(keys)}.");
            else if (value < 0) errors.Add($"{field}.{key}", "Counts are never negative.");
            else if (value > MaxCount) errors.Add($"{field}.{key}", $"At most {MaxCount}.");
        }
        return errors;
    }

    public static Errors Score(this Errors errors, int? score, string field) =>
        errors.When(score is not (>= 1 and <= 5), field, "A score from 1 to 5 is required.");

    public static Errors Number(this Errors errors, decimal? value, string field, decimal min = -1_000_000_000m, decimal max = 1_000_000_000m) =>
        errors.When(value is null, field, "A number is required.")
              .When(value is { } v && (v < min || v > max), field, $"Between {min} and {max}.");

    public static IReadOnlyList<string> Trimmed(IReadOnlyList<string?>? values) => (values ?? []).Select(v => v!.Trim()).ToList();

    public static IReadOnlyDictionary<string, int> NonZero(IReadOnlyDictionary<string, int> counts) =>
        counts.Where(c => c.Value > 0).ToDictionary(c => c.Key, c => c.Value);

    private static string Clip(string value) => value.Length > 40 ? value[..40] + "…" : value;
}

/// <summary>Builds the StageGateDecided that accompanies every stage move.</summary>
public static class StageGate
{
    public static StageGateDecided Move(Experiment state, Stage to, string decision, string? reason, string fallbackRationale, string role) =>
        new(state.Stage, to, decision, string.IsNullOrWhiteSpace(reason) ? fallbackRationale : reason.Trim(), role);
}
