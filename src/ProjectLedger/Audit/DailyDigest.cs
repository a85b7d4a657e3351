using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;
using ProjectLedger.Hosting;

namespace ProjectLedger.Audit;

public sealed record StreamHead(Guid Id, long Version, string Hash);

public sealed record Digest(DateTimeOffset CreatedAt, string Schema, IReadOnlyList<StreamHead> Streams, string Signature);

public sealed record DigestCheck(bool SignatureValid, int Streams, IReadOnlyList<string> Problems)
{
    public bool Passed => SignatureValid && Problems.Count == 0;
}

/// <summary>
/// Anchors the head hash of every stream outside the database: a file signed with HMAC-SHA256
/// (LEDGER_SIGNING_KEY). Kept elsewhere (mail, a WORM bucket, the county's archive), it proves later
/// that no stream was rewritten before that day, even by someone who recomputed every hash.
/// </summary>
public sealed class DailyDigest(NpgsqlDataSource dataSource, LedgerOptions ledger, ChainVerifier verifier)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task<Digest> CreateAsync(CancellationToken ct)
    {
        var heads = new List<StreamHead>();
        await using var command = dataSource.CreateCommand($"""
            select distinct on (stream_id) stream_id, version, headers ->> 'hash'
              from {ledger.Schema}.mt_events
             where stream_id <> '00000000-0000-0000-0000-000000000000'
             order by stream_id, version desc
            """);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            heads.Add(new StreamHead(reader.GetGuid(0), reader.GetInt64(1), reader.IsDBNull(2) ? "" : reader.GetString(2)));
        var createdAt = DateTimeOffset.UtcNow;
        return new Digest(createdAt, ledger.Schema, heads, Sign(createdAt, ledger.Schema, heads));
    }

    public async Task<string> WriteAsync(string folder, CancellationToken ct)
    {
        var digest = await CreateAsync(ct);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"ledger-digest-{digest.CreatedAt:yyyy-MM-dd}.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(digest, Json), ct);
        return path;
    }

    /// <summary>The file's signature holds, and every stream still has, at the digest's version, the hash it had then and an intact chain up to it.</summary>
    public async Task<DigestCheck> CheckAsync(string path, CancellationToken ct)
    {
        var digest = JsonSerializer.Deserialize<Digest>(await File.ReadAllTextAsync(path, ct), Json)
                     ?? throw new InvalidDataException($"{path} is not a digest.");
        var signatureValid = CryptographicOperations.FixedTimeEquals(
            Convert.FromHexString(digest.Signature), Convert.FromHexString(Sign(digest.CreatedAt, digest.Schema, digest.Streams)));
        var problems = new List<string>();
        foreach (var head in digest.Streams)
        {
            var result = await verifier.VerifyAsync(head.Id, ct, upToVersion: head.Version);
            if (!result.Intact) problems.Add($"{head.Id}: {result.FirstMismatch!.Detail}");
            else if (result.Events < head.Version) problems.Add($"{head.Id}: had {head.Version} events at the digest, now {result.Events}.");
            else if (result.HeadHash != head.Hash) problems.Add($"{head.Id}: version {head.Version} was rewritten since the digest (its hash differs).");
        }
        return new DigestCheck(signatureValid, digest.Streams.Count, problems);
    }

    private string Sign(DateTimeOffset createdAt, string schema, IReadOnlyList<StreamHead> heads)
    {
        var text = new StringBuilder().Append(createdAt.ToUnixTimeMilliseconds()).Append('\n').Append(schema).Append('\n');
        foreach (var head in heads.OrderBy(h => h.Id)) text.Append(head.Id).Append(' ').Append(head.Version).Append(' ').Append(head.Hash).Append('\n');
        return Convert.ToHexStringLower(HMACSHA256.HashData(ledger.RequireSigningKey("the daily digest"), Encoding.UTF8.GetBytes(text.ToString())));
    }
}
