using Marten;
using Microsoft.AspNetCore.Authorization;
using ProjectLedger.Counties;
using ProjectLedger.Experiments;
using ProjectLedger.Streams;
using Wolverine.Http;

namespace ProjectLedger.OperatingModels;

public sealed record PublicCatalogue(IReadOnlyList<PublicOperatingModelSummary> Items, int Total);

/// <summary>
/// The public catalogue of published operating models: no sign-in, cacheable, and built only from
/// published experiments (PublicOperatingModel says what of them is shown).
/// </summary>
public static class PublicCatalogueEndpoints
{
    public const string CacheControl = "public, max-age=300";

    [AllowAnonymous]
    [WolverineGet("/api/public/operating-models")]
    public static async Task<IResult> List(string? q, string? theme, string? county, IQuerySession session, HttpContext http)
    {
        var errors = new Errors()
            .MaxLength(q, "q", 200)
            .MaxLength(theme, "theme", 100)
            .When(!string.IsNullOrEmpty(county) && !CountyCatalog.Exists(county), "county", $"Unknown county '{county}'. See GET /api/counties.");
        if (errors.Any) return LedgerProblems.ToResult(errors.ToRejection());

        var models = await Published(session, http.RequestAborted);
        var matching = models.Where(m => Matches(m, q, theme, county)).Select(m => m.Summary()).ToList();
        Cacheable(http);
        return Results.Ok(new PublicCatalogue(matching, matching.Count));
    }

    [AllowAnonymous]
    [WolverineGet("/api/public/operating-models/{id}")]
    public static async Task<IResult> Get(Guid id, IQuerySession session, HttpContext http)
    {
        var ct = http.RequestAborted;
        var experiment = id == Guid.Empty ? null : await session.LoadAsync<Experiment>(id, ct);
        if (experiment is not { Publication: not null, Adoption: not null })
            return LedgerProblems.ToResult(new NotFound($"There is no published operating model {id}."));
        var origin = experiment.AdaptedFrom is { } lineage ? await session.LoadAsync<Experiment>(lineage.OriginId, ct) : null;
        var model = PublicOperatingModel.Of(experiment, origin, await SpreadTree.Descendants(session, id, ct));
        Cacheable(http);
        return Results.Ok(model);
    }

    [AllowAnonymous]
    [WolverineGet("/api/public/operating-models/feed")]
    public static async Task<IResult> Feed(IQuerySession session, HttpContext http)
    {
        var models = await Published(session, http.RequestAborted);
        Cacheable(http);
        return Results.Text(AtomFeed.Write(models, PublicBase(http)), "application/atom+xml; charset=utf-8");
    }

    /// <summary>Every published model, newest publication first, with the adaptations (one query each).</summary>
    public static async Task<IReadOnlyList<PublicOperatingModel>> Published(IQuerySession session, CancellationToken ct)
    {
        var published = await session.Query<Experiment>().Where(x => x.Publication != null).ToListAsync(ct);
        var adaptations = await session.Query<Experiment>().Where(x => x.AdaptedFrom != null).ToListAsync(ct);
        var byId = published.ToDictionary(e => e.Id);
        return published
            .Where(e => e.Adoption is not null)
            .Select(e => PublicOperatingModel.Of(e, e.AdaptedFrom is { } l ? byId.GetValueOrDefault(l.OriginId) : null, adaptations))
            .OrderByDescending(m => m.PublishedAt)
            .ToList();
    }

    private static bool Matches(PublicOperatingModel m, string? q, string? theme, string? county)
    {
        if (!string.IsNullOrEmpty(county) && m.County != county) return false;
        if (!string.IsNullOrWhiteSpace(theme) && !m.Themes.Contains(theme.Trim().ToLowerInvariant())) return false;
        if (string.IsNullOrWhiteSpace(q)) return true;
        var words = q.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var names = CountyCatalog.All.FirstOrDefault(c => c.Slug == m.County);
        string[] texts = [m.Title, m.ExperimentTitle, m.Problem, .. m.Themes, .. m.Processes, names?.Fi ?? "", names?.Sv ?? "", names?.En ?? ""];
        return words.All(w => texts.Any(t => t.Contains(w, StringComparison.CurrentCultureIgnoreCase)));
    }

    private static void Cacheable(HttpContext http) => http.Response.Headers.CacheControl = CacheControl;

    public static string PublicBase(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
}
