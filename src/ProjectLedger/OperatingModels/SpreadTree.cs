using Marten;
using ProjectLedger.Experiments;

namespace ProjectLedger.OperatingModels;

/// <summary>
/// One place an operating model went: an experiment that adapted it, and the ones that adapted
/// that. Id and title only when the reader may see them; county, stage and adoption scope always.
/// </summary>
public sealed record SpreadNode(Guid? ExperimentId, string? Title, string County, Stage Stage, string? AdoptionScope, bool Published, IReadOnlyList<SpreadNode> Adaptations);

/// <summary>Where an operating model spread: the adaptations of an experiment, level by level.</summary>
public static class SpreadTree
{
    public const int MaxDepth = 6;

    /// <summary>Every experiment that adapts the root's model, or an adaptation of it, up to MaxDepth levels.</summary>
    public static async Task<IReadOnlyList<Experiment>> Descendants(IQuerySession session, Guid root, CancellationToken ct)
    {
        var found = new List<Experiment>();
        Guid[] frontier = [root];
        for (var depth = 0; depth < MaxDepth && frontier.Length > 0; depth++)
        {
            var level = await session.Query<Experiment>()
                .Where(x => x.AdaptedFrom != null && frontier.Contains(x.AdaptedFrom.OriginId))
                .ToListAsync(ct);
            found.AddRange(level);
            frontier = level.Select(e => e.Id).ToArray();
        }
        return found;
    }

    /// <summary>The tree under the root, oldest adaptation first; visible says whose id and title the reader may see.</summary>
    public static IReadOnlyList<SpreadNode> Build(Guid root, IReadOnlyList<Experiment> descendants, Func<Experiment, bool> visible)
    {
        var byOrigin = descendants.ToLookup(e => e.AdaptedFrom!.OriginId);
        IReadOnlyList<SpreadNode> Under(Guid id, int depth) => depth >= MaxDepth ? [] : byOrigin[id]
            .OrderBy(e => e.ProposedAt)
            .Select(e => new SpreadNode(
                visible(e) ? e.Id : null, visible(e) ? e.Title : null, e.County, e.Stage, e.Adoption?.Scope,
                e.Publication is not null, Under(e.Id, depth + 1)))
            .ToList();
        return Under(root, 0);
    }

    public static int Count(IReadOnlyList<SpreadNode> nodes) => nodes.Sum(n => 1 + Count(n.Adaptations));
}
