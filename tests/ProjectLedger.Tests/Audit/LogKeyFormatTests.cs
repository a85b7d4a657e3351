using ProjectLedger.Audit.Log;
using Shouldly;

namespace ProjectLedger.Tests.Audit;

public sealed class LogKeyFormatTests
{
    /// <summary>A key whose base64 holds '+' (about half of random keys) read back: it once failed as "not PRIVATE+KEY+...".</summary>
    [Fact]
    public void a_key_whose_base64_holds_a_plus_reads_back()
    {
        var seed = Enumerable.Repeat((byte)0xFB, 32).ToArray();
        var text = SigningKey.Format("ledger.example.fi/events", seed);
        text.Split('+').Length.ShouldBeGreaterThan(5, text);
        using var key = SigningKey.Parse(text);
        key.Name.ShouldBe("ledger.example.fi/events");
    }
}
