using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace ProjectLedger.Audit.Log;

/// <summary>
/// A signed-note verifier key, "name+hexid+base64(0x01 ‖ public key)" (Go's sumdb/note form), and
/// the Ed25519 check of a note's signature by it. Shared with ops/verify.
/// </summary>
public sealed record VerifierKey(string Name, uint KeyId, byte[] PublicKey)
{
    public override string ToString() =>
        $"{Name}+{KeyId:x8}+{Convert.ToBase64String([SignedNote.Ed25519Type, .. PublicKey])}";

    public static VerifierKey? Parse(string text, out string? problem)
    {
        problem = null;
        var parts = text.Trim().Split('+');
        if (parts.Length != 3) { problem = "a verifier key is name+keyid+base64"; return null; }
        byte[] key;
        try { key = Convert.FromBase64String(parts[2]); }
        catch (FormatException) { problem = "the verifier key's key is not base64"; return null; }
        if (key.Length != 33 || key[0] != SignedNote.Ed25519Type) { problem = "the verifier key is not an Ed25519 key"; return null; }
        if (!uint.TryParse(parts[1], System.Globalization.NumberStyles.HexNumber, null, out var id) || parts[1].Length != 8)
        { problem = "the verifier key's id is not 8 hex digits"; return null; }
        var result = new VerifierKey(parts[0], id, key[1..]);
        if (SignedNote.KeyId(result.Name, result.PublicKey) != id) { problem = "the verifier key's id does not match its name and key"; return null; }
        return result;
    }

    /// <summary>Whether the note carries a valid signature by this key (signatures by other keys are ignored, as C2SP says).</summary>
    public bool Verifies(SignedNote note)
    {
        var publicKey = NSec.Cryptography.PublicKey.Import(SignatureAlgorithm.Ed25519, PublicKey, KeyBlobFormat.RawPublicKey);
        var body = Encoding.UTF8.GetBytes(note.Body);
        return note.Signatures.Any(s => s.KeyName == Name && s.KeyId == KeyId && s.Signature.Length == 64
                                        && SignatureAlgorithm.Ed25519.Verify(publicKey, body, s.Signature));
    }
}

/// <summary>
/// The log's Ed25519 signing key. Its file holds Go's sumdb/note private key form,
/// "PRIVATE+KEY+name+hexid+base64(0x01 ‖ 32-byte seed)", so `note.GenerateKey` makes one too.
/// </summary>
public sealed class SigningKey : IDisposable
{
    private readonly Key _key;

    public string Name { get; }
    public VerifierKey Verifier { get; }

    public SigningKey(string name, ReadOnlySpan<byte> seed)
    {
        if (name.Length == 0 || name.Contains(' ') || name.Contains('+') || name.Any(char.IsControl))
            throw new ArgumentException($"'{name}' cannot name a signed-note key (no spaces, no '+').");
        Name = name;
        _key = Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey);
        var publicKey = _key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        Verifier = new VerifierKey(name, SignedNote.KeyId(name, publicKey), publicKey);
    }

    public static SigningKey Parse(string text)
    {
        var parts = text.Trim().Split('+');
        if (parts.Length != 5 || parts[0] != "PRIVATE" || parts[1] != "KEY")
            throw new FormatException("A log key file holds PRIVATE+KEY+name+keyid+base64 (Go's sumdb/note form).");
        var bytes = Convert.FromBase64String(parts[4]);
        if (bytes.Length != 33 || bytes[0] != SignedNote.Ed25519Type) throw new FormatException("The log key is not an Ed25519 key.");
        var key = new SigningKey(parts[2], bytes.AsSpan(1));
        if (parts[3] != key.Verifier.KeyId.ToString("x8")) throw new FormatException("The log key's id does not match its name and key.");
        return key;
    }

    public static string Format(string name, ReadOnlySpan<byte> seed)
    {
        using var key = new SigningKey(name, seed);
        return $"PRIVATE+KEY+{name}+{key.Verifier.KeyId:x8}+{Convert.ToBase64String([SignedNote.Ed25519Type, .. seed])}";
    }

    /// <summary>The demo key: a fixed seed anyone can read here, so never outside demo mode.</summary>
    public static SigningKey Demo(string name) =>
        new(name, SHA256.HashData("projectledger-demo-log-key-not-for-production-use"u8));

    public string Sign(string body)
    {
        var signature = SignatureAlgorithm.Ed25519.Sign(_key, Encoding.UTF8.GetBytes(body));
        return body + "\n" + SignedNote.SignatureLine(Name, Verifier.KeyId, signature);
    }

    public void Dispose() => _key.Dispose();
}
