using Marten;
using ProjectLedger.Counties;
using ProjectLedger.Experiments;
using ProjectLedger.Projects;
using ProjectLedger.Security;
using ProjectLedger.Streams;

namespace ProjectLedger.Dashboards;

/// <summary>A dashboard document kept per scope by the dashboards projection; its id is the scope's Id.</summary>
public interface IScopeView
{
    string Id { get; set; }
    DateTimeOffset UpdatedAt { get; set; }
}

public enum ScopeKind { National, County, Project, Theme }

/// <summary>
/// Where a dashboard's figures are kept: national, a county, a project or a theme. Each experiment
/// counts in the national scope, its county, its project (if any) and each of its themes. Made only
/// through the factories and Parse, so every key is normalised the same way whoever names it
/// (a query string, a hub call, an experiment's state); Id ("county:helsinki") is the documents' id,
/// the SignalR group's name and what clients get back.
/// </summary>
public readonly record struct DashboardScope
{
    private DashboardScope(ScopeKind kind, string key)
    {
        Kind = kind;
        Key = key;
    }

    public ScopeKind Kind { get; }
    public string Key { get; }

    public string Id => Kind == ScopeKind.National ? "national" : $"{Kind.ToString().ToLowerInvariant()}:{Key}";

    public override string ToString() => Id;

    /// <summary>A scope is stored, grouped and answered under its Id.</summary>
    public static implicit operator string(DashboardScope scope) => scope.Id;

    public static readonly DashboardScope National = new(ScopeKind.National, "");
    public static DashboardScope County(string slug) => new(ScopeKind.County, slug.Trim().ToLowerInvariant());
    public static DashboardScope Project(Guid id) => new(ScopeKind.Project, id.ToString("D"));
    public static DashboardScope Theme(string name) => new(ScopeKind.Theme, Vocabulary.Theme(name));

    public Guid? ProjectId => Kind == ScopeKind.Project ? Guid.Parse(Key) : null;

    public static IEnumerable<DashboardScope> Of(Experiment e) => Of(e.County, e.ProjectId, e.Themes);

    public static IEnumerable<DashboardScope> Of(string county, Guid? projectId, IReadOnlyList<string> themes)
    {
        yield return National;
        yield return County(county);
        if (projectId is { } project) yield return Project(project);
        foreach (var theme in themes.Select(Theme).Distinct()) yield return theme;
    }

    /// <summary>The scope a query asks for: project, else county, else theme, else national (a county user's own county).</summary>
    public static DashboardScope FromQuery(string? county, Guid? projectId, string? theme, LedgerUser user) =>
        projectId is { } p ? Project(p)
        : !string.IsNullOrWhiteSpace(county) ? County(county)
        : !string.IsNullOrWhiteSpace(theme) ? Theme(theme)
        : user.SeesAllCounties ? National : County(user.County);

    /// <summary>"national", "county:{slug}", "project:{id}" or "theme:{name}" (as a hub client names it), normalised; or why not.</summary>
    public static Invalid? TryParse(string? text, out DashboardScope scope)
    {
        scope = National;
        var colon = text?.IndexOf(':') ?? -1;
        var (kind, key) = text is null ? ("", "") : colon < 0 ? (text.Trim(), "") : (text[..colon].Trim(), text[(colon + 1)..]);
        switch (kind.ToLowerInvariant())
        {
            case "national" when colon < 0:
                return null;
            case "county" when !string.IsNullOrWhiteSpace(key):
                scope = County(key);
                return null;
            case "project" when Guid.TryParse(key, out var id):
                scope = Project(id);
                return null;
            case "project":
                return Invalid.Field("projectId", "Not a project id.");
            case "theme" when !string.IsNullOrWhiteSpace(key):
                scope = Theme(key);
                return null;
            default:
                return Invalid.Field("scope", "A scope is national, county:{slug}, project:{id} or theme:{name}.");
        }
    }

    /// <summary>Null when the caller may see the scope; otherwise why not (404 for unknown, 403 outside their county).</summary>
    public async Task<Rejection?> Authorize(LedgerUser user, IQuerySession session, CancellationToken ct)
    {
        switch (Kind)
        {
            case ScopeKind.National:
                return user.SeesAllCounties ? null : new Forbidden("The national figures are for national leadership, auditors and admins.");
            case ScopeKind.County:
                if (!CountyCatalog.Exists(Key)) return Invalid.Field("county", $"Unknown county '{Key}'.");
                return user.CanRead(Key) ? null : new Forbidden($"You read {user.County}, not {Key}.");
            case ScopeKind.Project:
                var project = await session.LoadAsync<Project>(ProjectId!.Value, ct);
                if (project is null) return new NotFound($"There is no project {Key}.");
                return user.CanRead(project.County) ? null : new Forbidden($"Project {Key} is not in your county ({user.County}).");
            default:
                return Key.Length > 100 ? Invalid.Field("theme", "Give a theme of at most 100 characters.")
                    : user.SeesAllCounties ? null : new Forbidden("Themes span counties: they are for national leadership, auditors and admins.");
        }
    }
}
