using ProjectLedger.Audit.Log;
using Shouldly;

namespace ProjectLedger.Tests.Audit;

/// <summary>A log key whose base64 holds a '+' (about half of random keys) reads back: the test hosts' random keys failed to start about one run in two.</summary>
public sealed class NoteKeyFormTests
{
    [Fact]
    public void a_key_whose_base64_contains_a_plus_reads_back()
    {
        var seed = Enumerable.Repeat((byte)0xFB, 32).ToArray();
        var text = SigningKey.Format("test.projectledger/events", seed);
        text.Split('+').Length.ShouldBeGreaterThan(5);
        using var key = SigningKey.Parse(text);
        key.Name.ShouldBe("test.projectledger/events");
        SigningKey.Format(key.Name, seed).ShouldBe(text);
    }
}
