using System.Security.Cryptography;
using ProjectLedger.Audit.Log;
using Shouldly;

namespace ProjectLedger.Tests.Audit;

public class NoteKeyTests
{
    /// <summary>
    /// Standard base64 uses '+': a key whose bytes encode with one must still parse (Go's note package
    /// splits the key string into at most 3 or 5 fields for this reason). About one key in three has one.
    /// </summary>
    [Fact]
    public void keys_whose_base64_contains_a_plus_parse()
    {
        for (var i = 0; i < 20; i++)
        {
            var seed = RandomNumberGenerator.GetBytes(32);
            var text = SigningKey.Format("ledger.example.fi/events", seed);
            using var key = SigningKey.Parse(text);
            var verifier = key.Verifier.ToString();
            var parsed = VerifierKey.Parse(verifier, out var problem);
            parsed.ShouldNotBeNull(problem);
            parsed.PublicKey.ShouldBe(key.Verifier.PublicKey);
        }
    }
}
