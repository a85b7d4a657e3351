namespace ProjectLedger.Experiments;

/// <summary>The contract's words for kinds, ways, channels, bands and scopes (../shared/api.md).</summary>
public static class Vocabulary
{
    public static readonly IReadOnlyList<string> StakeholderKinds =
        ["client", "experienceExpert", "professional", "leadership", "ngo", "company", "education", "research"];

    /// <summary>The three questions for finding who must take part.</summary>
    public static readonly IReadOnlyList<string> StakeholderRoles = ["designedFor", "delivers", "resourcesAndLeads"];

    /// <summary>The five ways clients take part.</summary>
    public static readonly IReadOnlyList<string> Ways = ["ideation", "planning", "development", "evaluation", "implementation"];

    public static readonly IReadOnlyList<string> Channels = ["digital", "inPerson"];

    public static readonly IReadOnlyList<string> AgeBands = ["under18", "18to29", "30to64", "65plus"];

    public static readonly IReadOnlyList<string> SessionKinds = ["experienceExpertClinic", "ngoClinic", "workshop"];

    public static readonly IReadOnlyList<string> Verdicts = ["adopt", "revise", "discontinue"];

    /// <summary>Adoption scopes, narrowest first: widening moves right.</summary>
    public static readonly IReadOnlyList<string> Scopes = ["Unit", "County", "MultiCounty", "National"];

    /// <summary>
    /// Themes are tags: kept trimmed, composed (NFC) and in lower case, so "Ikäihmiset" typed on any
    /// keyboard, in a filter, a dashboard scope or a proposal, is one theme.
    /// </summary>
    public static string Theme(string name) => name.Trim().Normalize(System.Text.NormalizationForm.FormC).ToLowerInvariant();

    public static int ScopeRank(string scope) => Scopes.ToList().IndexOf(scope);

    public static string List(IReadOnlyList<string> words) => string.Join(", ", words);

    public static IReadOnlyDictionary<string, int> Zeros(IReadOnlyList<string> keys) => keys.ToDictionary(k => k, _ => 0);
}
