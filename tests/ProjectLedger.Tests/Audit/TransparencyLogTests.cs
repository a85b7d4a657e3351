using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProjectLedger.Audit;
using ProjectLedger.Audit.Log;
using ProjectLedger.Tests.Infrastructure;
using Shouldly;

namespace ProjectLedger.Tests.Audit;

[Collection(LedgerCollection.Name)]
public sealed class TransparencyLogTests(LedgerApp app)
{
    private readonly LogScenario _log = new(app);

    private async Task<(VerifierKey Key, SignedNote Note, Checkpoint Checkpoint, string Text)> Published()
    {
        var key = VerifierKey.Parse(await _log.Text("/api/audit/log/key"), out var problem).ShouldNotBeNull(problem);
        var text = await _log.Text("/api/audit/log/checkpoint");
        var note = SignedNote.Parse(text, out problem).ShouldNotBeNull(problem);
        key.Verifies(note).ShouldBeTrue();
        return (key, note, Checkpoint.Parse(note.Body, out problem).ShouldNotBeNull(problem), text);
    }

    [Fact]
    public async Task key_checkpoint_and_tiles_need_no_sign_in_and_agree()
    {
        var id = await _log.ExperimentWithHistory();
        await _log.InCheckpoint(id);
        var (key, _, checkpoint, text) = await Published();
        key.Name.ShouldBe(LogOptions.DemoOrigin);
        checkpoint.Origin.ShouldBe(LogOptions.DemoOrigin);
        (await _log.Text("/tlog/checkpoint")).ShouldBe(text);
        var result = await app.Host.Scenario(s => { s.Get.Url("/api/audit/log/key"); s.StatusCodeShouldBe(200); });
        result.Context.Response.ContentType.ShouldBe("text/plain; charset=utf-8");

        // The level-0 tiles up to the checkpoint hold the leaf hashes, in leaf order.
        var size = checkpoint.TreeSize;
        var leaves = new List<byte[]>();
        for (long n = 0; n * 256 < size; n++)
        {
            var width = Math.Min(256, size - n * 256);
            var path = $"/tlog/tile/0/{TilePath(n)}" + (width < 256 ? $".p/{width}" : "");
            var tile = await _log.Bytes(path);
            tile.Length.ShouldBe((int)width * 32);
            leaves.AddRange(tile.Chunk(32));
        }
        Merkle.Root(leaves).ShouldBe(checkpoint.RootHash);
        await app.Host.Scenario(s => { s.Get.Url($"/tlog/tile/0/{TilePath(size / 256 + 1)}"); s.StatusCodeShouldBe(404); });
        await app.Host.Scenario(s => { s.Get.Url("/tlog/tile/0/12"); s.StatusCodeShouldBe(404); });
    }

    private static string TilePath(long n)
    {
        var digits = n.ToString();
        digits = digits.PadLeft((digits.Length + 2) / 3 * 3, '0');
        var groups = digits.Chunk(3).Select(g => new string(g)).ToList();
        return string.Join("/", groups.Take(groups.Count - 1).Select(g => "x" + g).Append(groups[^1]));
    }

    [Fact]
    public async Task every_export_line_is_a_leaf_with_a_proof_to_the_signed_checkpoint()
    {
        var id = await _log.ExperimentWithHistory();
        await _log.InCheckpoint(id);
        var (_, _, checkpoint, _) = await Published();
        var lines = await _log.ExportLines(id);
        lines.Count.ShouldBe(6);
        foreach (var line in lines)
        {
            var e = JsonNode.Parse(line)!;
            var proof = await _log.Auditor.Get($"/api/audit/log/proof/inclusion?sequence={e["sequence"]}&treeSize={checkpoint.TreeSize}");
            proof["leafIndex"]!.GetValue<long>().ShouldBe(e["leafIndex"]!.GetValue<long>());
            proof["leafHash"]!.GetValue<string>().ShouldBe(e["leafHash"]!.GetValue<string>());
            Merkle.VerifyInclusion(proof["leafIndex"]!.GetValue<long>(), checkpoint.TreeSize, Convert.FromBase64String(proof["leafHash"]!.GetValue<string>()),
                proof["hashes"]!.AsArray().Select(h => Convert.FromBase64String(h!.GetValue<string>())).ToList(), checkpoint.RootHash).ShouldBeTrue();
        }
        // A proof is for whoever may read the event.
        var first = JsonNode.Parse(lines[0])!["sequence"]!.GetValue<long>();
        (await new Api(app).As("leadership", "lappi").Get($"/api/audit/log/proof/inclusion?sequence={first}", 403)).ShouldBeProblem(403);
        (await new Api(app).As("leadership", "vantaa-kerava").Get($"/api/audit/log/proof/inclusion?sequence={first}"))["leafIndex"].ShouldNotBeNull();
        (await _log.Auditor.Get("/api/audit/log/proof/inclusion", 400)).ShouldHaveFieldError("sequence");
        (await _log.Auditor.Get($"/api/audit/log/proof/inclusion?sequence={first}&treeSize={long.MaxValue}", 400)).ShouldHaveFieldError("treeSize");
    }

    [Fact]
    public async Task the_chain_trigger_and_the_log_tables_are_part_of_martens_schema_and_up_to_date()
    {
        var feature = new AuditSchemaFeature((Marten.StoreOptions)app.Store.Options);
        var migration = await app.Store.Storage.Database.CreateMigrationAsync(feature);
        migration.Difference.ShouldBe(Weasel.Core.SchemaPatchDifference.None,
            string.Join(", ", migration.Deltas.Where(d => d.Difference != Weasel.Core.SchemaPatchDifference.None).Select(d => d.SchemaObject.Identifier)));
    }

    [Fact]
    public async Task consistency_proofs_link_checkpoints()
    {
        var a = await _log.ExperimentWithHistory();
        await _log.InCheckpoint(a);
        var (_, _, older, _) = await Published();
        var b = await _log.ExperimentWithHistory();
        await _log.InCheckpoint(b);
        var (_, _, newer, _) = await Published();
        var proof = await _log.Auditor.Get($"/api/audit/log/proof/consistency?from={older.TreeSize}&to={newer.TreeSize}");
        var hashes = proof["hashes"]!.AsArray().Select(h => Convert.FromBase64String(h!.GetValue<string>())).ToList();
        Merkle.VerifyConsistency(older.TreeSize, newer.TreeSize, older.RootHash, newer.RootHash, hashes).ShouldBeTrue();
        Merkle.VerifyConsistency(older.TreeSize, newer.TreeSize, newer.RootHash, newer.RootHash, hashes).ShouldBeFalse();
        (await _log.Auditor.Get("/api/audit/log/proof/consistency?from=5&to=2", 400)).ShouldHaveFieldError("from");
    }

    [Fact]
    public async Task go_sumdb_note_and_tlog_accept_the_checkpoints_and_proofs()
    {
        var a = await _log.ExperimentWithHistory();
        await _log.InCheckpoint(a);
        var (_, _, older, olderText) = await Published();
        var b = await _log.ExperimentWithHistory();
        await _log.InCheckpoint(b);
        var (_, _, newer, newerText) = await Published();
        var inclusion = new JsonArray();
        foreach (var line in (await _log.ExportLines(a)).Concat(await _log.ExportLines(b)))
        {
            var e = JsonNode.Parse(line)!;
            var proof = await _log.Auditor.Get($"/api/audit/log/proof/inclusion?sequence={e["sequence"]}&treeSize={newer.TreeSize}");
            proof["leafBytes"] = Convert.ToBase64String(LeafBytes(line));
            inclusion.Add(proof.DeepClone());
        }
        var input = new JsonObject
        {
            ["key"] = await _log.Text("/api/audit/log/key"),
            ["checkpoint"] = newerText,
            ["older"] = olderText,
            ["inclusion"] = inclusion,
            ["consistency"] = await _log.Auditor.Get($"/api/audit/log/proof/consistency?from={older.TreeSize}&to={newer.TreeSize}"),
        };
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, input.ToJsonString());
        var (code, output) = await Run("go", $"run {Path.Combine(SourceDir(), "go", "checklog.go")} {file}", go: true);
        output.Trim().ShouldBe("ok");
        code.ShouldBe(0);

        // The same program says no to a checkpoint whose root was changed (its signature no longer holds).
        input["checkpoint"] = newerText.Replace(Convert.ToBase64String(newer.RootHash), Convert.ToBase64String(older.RootHash));
        await File.WriteAllTextAsync(file, input.ToJsonString());
        (await Run("go", $"run {Path.Combine(SourceDir(), "go", "checklog.go")} {file}", go: true)).Code.ShouldNotBe(0);
    }

    /// <summary>The leaf bytes as an outsider builds them from an export line (docs/transparency-log.md).</summary>
    public static byte[] LeafBytes(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var e = doc.RootElement;
        var m = e.GetProperty("metadata");
        string? Meta(string name) => m.TryGetProperty(name, out var v) ? v.GetString() : null;
        return LeafForm.Bytes(new ChainedEvent(e.GetProperty("streamId").GetGuid(), e.GetProperty("version").GetInt64(), e.GetProperty("type").GetString()!,
            e.GetProperty("timestamp").GetDateTimeOffset(), e.GetProperty("data").GetRawText(), e.GetProperty("correlationId").GetString(),
            Meta("userId"), Meta("role"), Meta("reason"), Meta("previousHash") ?? ""));
    }

    [Fact]
    public async Task ops_verify_says_yes_to_a_bundle_and_no_with_the_reason_when_an_event_was_changed()
    {
        var id = await _log.ExperimentWithHistory();
        await _log.InCheckpoint(id);
        var (_, _, checkpoint, text) = await Published();
        var lines = await _log.ExportLines(id);
        var proofs = new JsonArray();
        foreach (var line in lines)
            proofs.Add(await _log.Auditor.Get($"/api/audit/log/proof/inclusion?sequence={JsonNode.Parse(line)!["sequence"]}&treeSize={checkpoint.TreeSize}"));
        var bundle = new JsonObject
        {
            ["key"] = await _log.Text("/api/audit/log/key"),
            ["checkpoint"] = text,
            ["events"] = new JsonArray(lines.Select(l => (JsonNode)JsonValue.Create(l)!).ToArray()),
            ["proofs"] = proofs,
        };
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, bundle.ToJsonString());
        var (code, output) = await Verify(file);
        output.ShouldStartWith("yes: 6 events of 1 streams are in the log");
        code.ShouldBe(0);

        bundle["events"]![5] = lines[5].Replace("\"client\": 12", "\"client\": 120");
        await File.WriteAllTextAsync(file, bundle.ToJsonString());
        (code, output) = await Verify(file);
        output.ShouldStartWith("no:");
        output.ShouldContain("version 6: its content (data or metadata) does not give its hash");
        code.ShouldBe(1);
    }

    /// <summary>Runs ops/verify as an auditor would (it builds the verifier on first use).</summary>
    public static Task<(int Code, string Output)> Verify(string bundleFile) =>
        Run("bash", $"{Path.Combine(RepoDir(), "ops", "verify")} {bundleFile}", stdoutOnly: true);

    private static string RepoDir([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", "..", ".."));

    private static string SourceDir([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    public static async Task<(int Code, string Output)> Run(string file, string arguments, bool go = false, bool stdoutOnly = false)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (go)
        {
            start.Environment["GO111MODULE"] = "off";
            start.Environment["GOPATH"] = "/usr/share/gocode";
            start.Environment["GOCACHE"] = Path.Combine(Path.GetTempPath(), "projectledger-gocache");
            start.Environment["GOFLAGS"] = "";
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return (process.ExitCode, stdoutOnly ? await output : await output + await error);
    }
}
