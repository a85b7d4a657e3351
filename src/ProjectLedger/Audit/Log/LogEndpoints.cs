using System.Text.RegularExpressions;
using Marten;
using ProjectLedger.Experiments;
using ProjectLedger.Projects;
using ProjectLedger.Security;
using ProjectLedger.Streams;

namespace ProjectLedger.Audit;

/// <summary>
/// The transparency log's contract: the verifier key, the latest checkpoint and the hash tiles
/// need no sign-in (they reveal hashes and the log's size, nothing else); proofs are for whoever
/// may read the event.
/// </summary>
public static partial class LogEndpoints
{
    private const string Text = "text/plain; charset=utf-8";

    public static void MapTransparencyLog(this WebApplication app)
    {
        app.MapGet("/api/audit/log/key", (TransparencyLog log) => Results.Text(log.VerifierKey + "\n", Text)).AllowAnonymous();
        app.MapGet("/api/audit/log/checkpoint", Checkpoint).AllowAnonymous();
        app.MapGet("/tlog/checkpoint", Checkpoint).AllowAnonymous();
        app.MapGet("/tlog/tile/{level:int}/{**index}", Tile).AllowAnonymous();
        app.MapGet("/api/audit/log/proof/inclusion", Inclusion);
        app.MapGet("/api/audit/log/proof/consistency", Consistency);
    }

    private static IResult Checkpoint(TransparencyLog log, HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-cache";
        if (log.Latest is { } signed) http.Response.Headers.LastModified = signed.SignedAt.ToString("R");
        return log.Latest is { } latest
            ? Results.Text(latest.Note, Text)
            : Results.Problem(statusCode: 503, title: "No checkpoint yet", detail: "The transparency log has not signed its first checkpoint yet; try again in a second.");
    }

    [GeneratedRegex(@"^((x\d{3}/)*\d{3})(\.p/(\d{1,3}))?$")]
    private static partial Regex TileIndex();

    /// <summary>C2SP tlog-tiles: tile/&lt;L&gt;/&lt;N&gt;[.p/&lt;W&gt;], N in groups of three digits.</summary>
    private static IResult Tile(int level, string index, TransparencyLog log, HttpContext http)
    {
        var match = TileIndex().Match(index);
        var width = match.Groups[4].Success ? int.Parse(match.Groups[4].Value) : 256;
        if (!match.Success || level is < 0 or > 7 || width is < 1 or > 256 || (match.Groups[4].Success && width == 256))
            return Results.Problem(statusCode: 404, title: "Not found", detail: $"tile/{level}/{index} is not a hash tile path (C2SP tlog-tiles).");
        var n = long.Parse(match.Groups[1].Value.Replace("x", "").Replace("/", ""));
        var size = log.Latest?.Checkpoint.TreeSize ?? 0;
        var hashes = log.Tree.Tile(level, n, size);
        if (hashes.Length < width * Audit.Log.Merkle.HashSize)
            return Results.Problem(statusCode: 404, title: "Not found", detail: $"The log's latest checkpoint ({size} leaves) has no tile/{level}/{index}.");
        http.Response.Headers.CacheControl = width == 256 ? "public, max-age=31536000, immutable" : "no-cache";
        return Results.Bytes(hashes.AsMemory(0, width * Audit.Log.Merkle.HashSize), "application/octet-stream");
    }

    private static async Task<IResult> Inclusion(long? sequence, long? treeSize, TransparencyLog log, IQuerySession session, HttpContext http)
    {
        if (sequence is not { } seq) return LedgerProblems.ToResult(Invalid.Field("sequence", "Give ?sequence=N, the event's sequence number."));
        var leaf = await log.LeafOf(seq, http.RequestAborted);
        if (leaf is null) return LedgerProblems.ToResult(new NotFound($"Event {seq} is not in the transparency log (yet: new events join it within a second)."));
        if (await Readable(leaf.Value.StreamId, session, http) is { } refusal) return refusal;
        var size = treeSize ?? log.Latest?.Checkpoint.TreeSize ?? 0;
        if (size > log.Tree.Size) return LedgerProblems.ToResult(Invalid.Field("treeSize", $"The log holds {log.Tree.Size} leaves."));
        if (leaf.Value.LeafIndex >= size)
            return LedgerProblems.ToResult(Invalid.Field("treeSize", $"Event {seq} is leaf {leaf.Value.LeafIndex}, not in a tree of {size} leaves."));
        var hashes = log.Tree.InclusionProof(leaf.Value.LeafIndex, size);
        return Results.Ok(new InclusionProof(leaf.Value.LeafIndex, size, Convert.ToBase64String(leaf.Value.LeafHash), hashes.Select(Convert.ToBase64String).ToList()));
    }

    private static IResult Consistency(long? from, long? to, TransparencyLog log)
    {
        if (from is not { } a) return LedgerProblems.ToResult(Invalid.Field("from", "Give ?from=A, the older tree size."));
        if (to is not { } b) return LedgerProblems.ToResult(Invalid.Field("to", "Give ?to=B, the newer tree size."));
        if (a < 0 || a > b) return LedgerProblems.ToResult(Invalid.Field("from", "0 ≤ from ≤ to."));
        if (b > log.Tree.Size) return LedgerProblems.ToResult(Invalid.Field("to", $"The log holds {log.Tree.Size} leaves."));
        return Results.Ok(new ConsistencyProof(a, b, log.Tree.ConsistencyProof(a, b).Select(Convert.ToBase64String).ToList()));
    }

    /// <summary>An event may be proven to whoever may read its stream: an experiment's or a project's county.</summary>
    private static async Task<IResult?> Readable(Guid streamId, IQuerySession session, HttpContext http)
    {
        var county = (await session.LoadAsync<Experiment>(streamId, http.RequestAborted))?.County
                     ?? (await session.LoadAsync<Project>(streamId, http.RequestAborted))?.County;
        var user = LedgerUser.From(http.User);
        return user.CanAudit || (county is not null && user.CanRead(county))
            ? null
            : LedgerProblems.ToResult(new Forbidden("That event belongs to a stream outside your county."));
    }
}

public sealed record InclusionProof(long LeafIndex, long TreeSize, string LeafHash, IReadOnlyList<string> Hashes);

public sealed record ConsistencyProof(long From, long To, IReadOnlyList<string> Hashes);
