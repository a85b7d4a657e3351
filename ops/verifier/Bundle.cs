using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProjectLedger.Verify;

/// <summary>
/// What an auditor holds: the verifier key, a signed checkpoint, export lines (kept as the exact
/// text the ledger wrote, so the data's bytes survive) and an inclusion proof for each.
/// </summary>
public sealed record Bundle(string Key, string Checkpoint, IReadOnlyList<string> Events, IReadOnlyList<Proof> Proofs)
{
    public static Bundle FromFile(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path)) ?? throw new FormatException($"{path} is empty.");
        return new Bundle(
            root["key"]?.GetValue<string>() ?? throw new FormatException("The bundle has no \"key\"."),
            root["checkpoint"]?.GetValue<string>() ?? throw new FormatException("The bundle has no \"checkpoint\"."),
            root["events"]?.AsArray().Select(e => e!.GetValueKind() == JsonValueKind.String ? e.GetValue<string>() : e.ToJsonString()).ToList() ?? [],
            root["proofs"]?.AsArray().Select(p => Proof.From(p!)).ToList() ?? []);
    }

    public static Bundle FromParts(string[] args)
    {
        string Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault()
                                   ?? throw new ArgumentException($"{name} is missing.");
        var proofs = JsonNode.Parse(File.ReadAllText(Arg("--proofs")));
        return new Bundle(File.ReadAllText(Arg("--key")).Trim(), File.ReadAllText(Arg("--checkpoint")),
            File.ReadAllLines(Arg("--events")).Where(l => l.Trim().Length > 0).ToList(),
            (proofs is JsonArray list ? list.Select(p => Proof.From(p!)) : [Proof.From(proofs!)]).ToList());
    }
}

public sealed record Proof(long LeafIndex, long TreeSize, byte[] LeafHash, IReadOnlyList<byte[]> Hashes)
{
    public static Proof From(JsonNode node) => new(
        node["leafIndex"]!.GetValue<long>(), node["treeSize"]!.GetValue<long>(),
        Convert.FromBase64String(node["leafHash"]!.GetValue<string>()),
        node["hashes"]!.AsArray().Select(h => Convert.FromBase64String(h!.GetValue<string>())).ToList());
}
