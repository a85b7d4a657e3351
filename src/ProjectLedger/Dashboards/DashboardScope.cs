using Marten;
using ProjectLedger.Counties;
using ProjectLedger.Experiments;
using ProjectLedger.Projects;
using ProjectLedger.Security;
using ProjectLedger.Streams;

namespace ProjectLedger.Dashboards;

/// <summary>A dashboard document kept per scope by the dashboards projection; its id is the scope.</summary>
public interface IScopeView
{
    string Id { get; set; }
    DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// Where a dashboard's figures are kept: "national", "county:{slug}", "project:{id}", "theme:{name}".
/// Each experiment counts in the national scope, its county, its project (if any) and each theme.
/// </summary>
public static class DashboardScope
{
    public const string National = "national";

    public static IEnumerable<string> Of(Experiment e) => Of(e.County, e.ProjectId, e.Themes);

    public static IEnumerable<string> Of(string county, Guid? projectId, IReadOnlyList<string> themes)
    {
        yield return National;
        yield return County(county);
        if (projectId is { } project) yield return Project(project);
        foreach (var theme in themes.Distinct()) yield return Theme(theme);
    }

    public static string County(string slug) => "county:" + slug;
    public static string Project(Guid id) => "project:" + id;
    public static string Theme(string name) => "theme:" + name.Trim().ToLowerInvariant();

    /// <summary>The scope a query asks for: project, else county, else theme, else national (a county user's own county).</summary>
    public static string FromQuery(string? county, Guid? projectId, string? theme, LedgerUser user) =>
        projectId is { } p ? Project(p)
        : !string.IsNullOrWhiteSpace(county) ? County(county)
        : !string.IsNullOrWhiteSpace(theme) ? Theme(theme)
        : user.SeesAllCounties ? National : County(user.County);

    /// <summary>Null when the caller may see the scope; otherwise why not (404 for unknown, 403 outside their county).</summary>
    public static async Task<Rejection?> Authorize(string scope, LedgerUser user, IQuerySession session, CancellationToken ct)
    {
        var (kind, key) = Split(scope);
        switch (kind)
        {
            case National when key == "":
                return user.SeesAllCounties ? null : new Forbidden("The national figures are for national leadership, auditors and admins.");
            case "county":
                if (!CountyCatalog.Exists(key)) return Invalid.Field("county", $"Unknown county '{key}'.");
                return user.CanRead(key) ? null : new Forbidden($"You read {user.County}, not {key}.");
            case "project":
                if (!Guid.TryParse(key, out var id)) return Invalid.Field("projectId", "Not a project id.");
                var project = await session.LoadAsync<Project>(id, ct);
                if (project is null) return new NotFound($"There is no project {id}.");
                return user.CanRead(project.County) ? null : new Forbidden($"Project {id} belongs to {project.County}.");
            case "theme":
                return key.Length is 0 or > 100 ? Invalid.Field("theme", "Give a theme of at most 100 characters.")
                    : user.SeesAllCounties ? null : new Forbidden("Themes span counties: they are for national leadership, auditors and admins.");
            default:
                return Invalid.Field("scope", "A scope is national, county:{slug}, project:{id} or theme:{name}.");
        }
    }

    public static (string Kind, string Key) Split(string scope)
    {
        var colon = scope.IndexOf(':');
        return colon < 0 ? (scope, "") : (scope[..colon], scope[(colon + 1)..]);
    }
}
