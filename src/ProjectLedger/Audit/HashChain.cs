using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ProjectLedger.Audit;

/// <summary>What the chain hash of one stored event covers: the stored columns and the headers an auditor relies on.</summary>
public sealed record ChainedEvent(
    Guid StreamId, long Version, string Type, DateTimeOffset Timestamp, string Data,
    string? CorrelationId, string? UserId, string? Role, string? Reason, string PreviousHash);

/// <summary>
/// Tamper evidence. Each event's headers carry "hash", "previousHash" and "hashScheme": SHA-256 over
/// the event's canonical form (docs/transparency-log.md), chained to the previous event of the same
/// stream. The database computes it in a BEFORE INSERT trigger on mt_events, so every path that
/// appends (HTTP, bulk import, raw SQL) is covered; Verify recomputes it here, in C#.
/// Scheme 2 (current) also covers the metadata; events stored under scheme 1 (no "hashScheme"
/// header) keep verifying with the scheme they were written with.
/// </summary>
public static class HashChain
{
    public const string HashHeader = "hash";
    public const string PreviousHashHeader = "previousHash";
    public const string SchemeHeader = "hashScheme";
    public const string MetadataHashHeader = "metadataHash";
    public const int CurrentScheme = 2;
    public const string SchemeTag = "ledger-event-v2";
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public static string Timestamp(DateTimeOffset timestamp) =>
        timestamp.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    /// <summary>Scheme 1: stream id, version, type, timestamp, data, previous hash joined by '\n' (no metadata).</summary>
    public static string ComputeV1(Guid streamId, long version, string type, DateTimeOffset timestamp, string jsonbData, string previousHash) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n',
            streamId.ToString("D"), version.ToString(CultureInfo.InvariantCulture), type, Timestamp(timestamp), jsonbData, previousHash))));

    /// <summary>Scheme 2: SHA-256 of the canonical form, hex.</summary>
    public static string ComputeV2(ChainedEvent e) => Convert.ToHexStringLower(SHA256.HashData(Canonical(e)));

    public static string Compute(int scheme, ChainedEvent e) =>
        scheme >= 2 ? ComputeV2(e) : ComputeV1(e.StreamId, e.Version, e.Type, e.Timestamp, e.Data, e.PreviousHash);

    /// <summary>
    /// The canonical form (also the transparency log's leaf bytes): each field as its UTF-8 byte
    /// length in decimal, ':', the bytes, '\n'. Length prefixes keep a reason with a newline in it
    /// from being read as two fields.
    /// </summary>
    public static byte[] Canonical(ChainedEvent e)
    {
        var buffer = new ArrayBufferWriterLite(256 + e.Data.Length);
        Field(buffer, SchemeTag);
        Field(buffer, e.StreamId.ToString("D"));
        Field(buffer, e.Version.ToString(CultureInfo.InvariantCulture));
        Field(buffer, e.Type);
        Field(buffer, Timestamp(e.Timestamp));
        Field(buffer, e.CorrelationId ?? "");
        Field(buffer, e.UserId ?? "");
        Field(buffer, e.Role ?? "");
        Field(buffer, e.Reason ?? "");
        Field(buffer, e.Data);
        Field(buffer, e.PreviousHash);
        return buffer.ToArray();
    }

    /// <summary>Diagnosis only: which part changed. Hash of the metadata fields in canonical form.</summary>
    public static string MetadataHash(string? correlationId, string? userId, string? role, string? reason)
    {
        var buffer = new ArrayBufferWriterLite(128);
        Field(buffer, correlationId ?? "");
        Field(buffer, userId ?? "");
        Field(buffer, role ?? "");
        Field(buffer, reason ?? "");
        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    internal static void Field(ArrayBufferWriterLite buffer, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        buffer.WriteAscii(length.ToString(CultureInfo.InvariantCulture));
        buffer.WriteByte((byte)':');
        buffer.WriteUtf8(value, length);
        buffer.WriteByte((byte)'\n');
    }
}

/// <summary>A growable byte buffer for the canonical form (no per-field allocations).</summary>
internal sealed class ArrayBufferWriterLite(int capacity)
{
    private byte[] _bytes = new byte[capacity];
    private int _length;

    private void Ensure(int extra)
    {
        if (_length + extra <= _bytes.Length) return;
        Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + extra));
    }

    public void WriteByte(byte b)
    {
        Ensure(1);
        _bytes[_length++] = b;
    }

    public void WriteAscii(string s)
    {
        Ensure(s.Length);
        foreach (var c in s) _bytes[_length++] = (byte)c;
    }

    public void WriteUtf8(string s, int byteCount)
    {
        Ensure(byteCount);
        _length += Encoding.UTF8.GetBytes(s, 0, s.Length, _bytes, _length);
    }

    public byte[] ToArray() => _bytes.AsSpan(0, _length).ToArray();

    public ReadOnlySpan<byte> Span => _bytes.AsSpan(0, _length);
}
