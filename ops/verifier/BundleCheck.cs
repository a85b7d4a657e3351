using System.Globalization;
using System.Text.Json;
using ProjectLedger.Audit;
using ProjectLedger.Audit.Log;

namespace ProjectLedger.Verify;

public sealed record Verdict(bool Yes, string Summary, IReadOnlyList<string> Reasons);

/// <summary>
/// The checks, in the order an auditor would make them: the checkpoint is signed by the key; each
/// event line's content gives its hash (docs/transparency-log.md) and chains to the one before it
/// in the bundle; its leaf hash is the hash of its canonical form; its proof leads from that leaf
/// to the checkpoint's root.
/// </summary>
public static class BundleCheck
{
    public static Verdict Run(Bundle bundle)
    {
        var reasons = new List<string>();
        var key = VerifierKey.Parse(bundle.Key, out var problem);
        if (key is null) return No($"the verifier key is not one: {problem}");
        var note = SignedNote.Parse(bundle.Checkpoint, out problem);
        if (note is null) return No($"the checkpoint is not a signed note: {problem}");
        if (!key.Verifies(note)) return No($"the checkpoint carries no valid signature by {key.Name} ({key.KeyId:x8})");
        var checkpoint = Checkpoint.Parse(note.Body, out problem);
        if (checkpoint is null) return No($"the checkpoint's body is not a checkpoint: {problem}");

        var proofs = bundle.Proofs.ToDictionary(p => p.LeafIndex);
        var heads = new Dictionary<Guid, (long Version, string Hash)>();
        var streams = new HashSet<Guid>();
        foreach (var line in bundle.Events)
        {
            using var doc = JsonDocument.Parse(line);
            var e = doc.RootElement;
            var stream = e.GetProperty("streamId").GetGuid();
            var version = e.GetProperty("version").GetInt64();
            var name = $"{stream} version {version}";
            streams.Add(stream);
            var metadata = e.GetProperty("metadata");
            string? Meta(string field) => metadata.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var scheme = metadata.TryGetProperty(HashChain.SchemeHeader, out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt32() : 1;
            var chained = new ChainedEvent(stream, version, e.GetProperty("type").GetString()!, e.GetProperty("timestamp").GetDateTimeOffset(),
                e.GetProperty("data").GetRawText(), e.TryGetProperty("correlationId", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null,
                Meta("userId"), Meta("role"), Meta("reason"), Meta(HashChain.PreviousHashHeader) ?? "");
            var hash = Meta(HashChain.HashHeader);
            if (HashChain.Compute(scheme, chained) != hash)
                reasons.Add($"{name}: its content (data or metadata) does not give its hash {hash}: it was changed after it was appended");
            if (heads.TryGetValue(stream, out var head) && head.Version == version - 1 && head.Hash != chained.PreviousHash)
                reasons.Add($"{name}: does not chain to version {version - 1} in the bundle");
            if (hash is not null) heads[stream] = (version, hash);

            if (!e.TryGetProperty("leafIndex", out var index) || index.ValueKind != JsonValueKind.Number)
            {
                reasons.Add($"{name}: has no leaf index: it was not yet in the transparency log when exported");
                continue;
            }
            var leafHash = LeafForm.LeafHash(chained);
            if (Convert.ToBase64String(leafHash) != e.GetProperty("leafHash").GetString())
                reasons.Add($"{name}: its canonical form does not give the leaf hash the export states");
            if (!proofs.TryGetValue(index.GetInt64(), out var proof))
            {
                reasons.Add($"{name}: no inclusion proof for leaf {index.GetInt64()}");
                continue;
            }
            if (proof.TreeSize != checkpoint.TreeSize)
                reasons.Add($"{name}: its proof is for a tree of {proof.TreeSize} leaves, the checkpoint signs {checkpoint.TreeSize}");
            else if (!Merkle.VerifyInclusion(proof.LeafIndex, proof.TreeSize, leafHash, proof.Hashes, checkpoint.RootHash))
                reasons.Add($"{name}: leaf {proof.LeafIndex} is not in the signed tree (its inclusion proof does not lead to the checkpoint's root)");
        }
        var summary = $"{bundle.Events.Count} events of {streams.Count} streams " +
                      (reasons.Count == 0 ? "are" : "are not all") + $" in the log {checkpoint.Origin} of {checkpoint.TreeSize} leaves, " +
                      $"checkpoint signed by {key.Name}+{key.KeyId.ToString("x8", CultureInfo.InvariantCulture)}";
        return new Verdict(reasons.Count == 0 && bundle.Events.Count > 0, bundle.Events.Count == 0 ? "the bundle holds no events" : summary, reasons);

        Verdict No(string reason) => new(false, reason, []);
    }
}
