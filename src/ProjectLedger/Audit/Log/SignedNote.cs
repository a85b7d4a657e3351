using System.Security.Cryptography;
using System.Text;

namespace ProjectLedger.Audit.Log;

/// <summary>One signature line of a C2SP signed note: the key name, the 4-byte key id, the signature.</summary>
public sealed record NoteSignature(string KeyName, uint KeyId, byte[] Signature);

/// <summary>A C2SP signed note: a text body (ending in '\n'), a blank line, signature lines "— name base64(keyid ‖ sig)".</summary>
public sealed record SignedNote(string Body, IReadOnlyList<NoteSignature> Signatures)
{
    public const char EmDash = '\u2014';
    public const byte Ed25519Type = 0x01;

    /// <summary>The Ed25519 key id: the first 4 bytes of SHA-256(name ‖ '\n' ‖ 0x01 ‖ public key), big-endian.</summary>
    public static uint KeyId(string name, ReadOnlySpan<byte> publicKey)
    {
        var input = new List<byte>(Encoding.UTF8.GetBytes(name)) { (byte)'\n', Ed25519Type };
        input.AddRange(publicKey.ToArray());
        var hash = SHA256.HashData(input.ToArray());
        return (uint)(hash[0] << 24 | hash[1] << 16 | hash[2] << 8 | hash[3]);
    }

    public static string SignatureLine(string keyName, uint keyId, ReadOnlySpan<byte> signature)
    {
        var bytes = new byte[4 + signature.Length];
        bytes[0] = (byte)(keyId >> 24); bytes[1] = (byte)(keyId >> 16); bytes[2] = (byte)(keyId >> 8); bytes[3] = (byte)keyId;
        signature.CopyTo(bytes.AsSpan(4));
        return $"{EmDash} {keyName} {Convert.ToBase64String(bytes)}\n";
    }

    public override string ToString() =>
        Body + "\n" + string.Concat(Signatures.Select(s => SignatureLine(s.KeyName, s.KeyId, s.Signature)));

    /// <summary>Parses the text of a signed note; null with a reason when it is not one.</summary>
    public static SignedNote? Parse(string text, out string? problem)
    {
        problem = null;
        var split = text.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0 || !text.EndsWith('\n')) { problem = "a signed note is a body, a blank line and signature lines, each ending in a newline"; return null; }
        var body = text[..(split + 1)];
        var signatures = new List<NoteSignature>();
        foreach (var line in text[(split + 2)..].Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ');
            if (parts.Length != 3 || parts[0] != EmDash.ToString()) { problem = $"'{line}' is not a signature line (— name base64)"; return null; }
            byte[] bytes;
            try { bytes = Convert.FromBase64String(parts[2]); }
            catch (FormatException) { problem = $"the signature of {parts[1]} is not base64"; return null; }
            if (bytes.Length < 5) { problem = $"the signature of {parts[1]} is too short"; return null; }
            signatures.Add(new NoteSignature(parts[1], (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]), bytes[4..]));
        }
        if (signatures.Count == 0) { problem = "the note carries no signature"; return null; }
        return new SignedNote(body, signatures);
    }
}

/// <summary>A C2SP tlog-checkpoint: origin, tree size, base64 root hash (the body of a signed note).</summary>
public sealed record Checkpoint(string Origin, long TreeSize, byte[] RootHash)
{
    public string Body => $"{Origin}\n{TreeSize}\n{Convert.ToBase64String(RootHash)}\n";

    public static Checkpoint? Parse(string body, out string? problem)
    {
        problem = null;
        var lines = body.Split('\n');
        if (lines.Length < 4 || lines[^1] != "") { problem = "a checkpoint body has three lines: origin, tree size, root hash"; return null; }
        if (lines[0].Length == 0) { problem = "the checkpoint has no origin"; return null; }
        if (!long.TryParse(lines[1], System.Globalization.NumberStyles.None, null, out var size) || (lines[1].Length > 1 && lines[1][0] == '0'))
        { problem = $"'{lines[1]}' is not a tree size"; return null; }
        byte[] root;
        try { root = Convert.FromBase64String(lines[2]); }
        catch (FormatException) { problem = "the root hash is not base64"; return null; }
        if (root.Length != Merkle.HashSize) { problem = "the root hash is not 32 bytes"; return null; }
        return new Checkpoint(lines[0], size, root);
    }
}
