using System.Text;
using ProjectLedger.Audit;
using ProjectLedger.Audit.Log;
using Shouldly;

namespace ProjectLedger.Tests.Audit;

/// <summary>The worked example of docs/transparency-log.md (its values computed there with Python's hashlib from the text of the spec).</summary>
public sealed class LeafFormTests
{
    private static readonly ChainedEvent Example = new(
        Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), 2, "experiment_planned",
        new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.Zero).AddTicks(1234560), """{"hypothesis": "Chat lyhentää jonoja"}""",
        "c0ffee", "maija", "projectOffice", "Suunnitelma\nhyväksytty", string.Concat(Enumerable.Repeat("ab", 32)));

    [Fact]
    public void the_canonical_form_is_length_prefixed_fields()
    {
        Encoding.UTF8.GetString(HashChain.Canonical(Example)).ShouldBe(
            "15:ledger-event-v2\n36:0f8fad5b-d9cb-469f-a165-70867728950e\n1:2\n18:experiment_planned\n27:2026-03-01T09:30:00.123456Z\n" +
            "6:c0ffee\n5:maija\n13:projectOffice\n23:Suunnitelma\nhyväksytty\n40:{\"hypothesis\": \"Chat lyhentää jonoja\"}\n" +
            "64:abababababababababababababababababababababababababababababababab\n");
    }

    [Fact]
    public void the_chain_hash_and_the_leaf_hash_of_the_example()
    {
        HashChain.ComputeV2(Example).ShouldBe("2aa415e3e45f8608e462983d6588cf466543ef65549024e97d22a232b17f4237");
        Convert.ToHexStringLower(LeafForm.LeafHash(Example)).ShouldBe("de8aecf88c6c4a73f7798fbc93a34a3d10076b9b597b5a19b7f20c9694a0b0b1");
    }

    [Fact]
    public void proofs_from_the_tree_check_for_every_size_and_leaf()
    {
        var leaves = Enumerable.Range(0, 70).Select(i => Merkle.LeafHash([(byte)i])).ToList();
        var tree = new MerkleTree();
        tree.Append(leaves);
        for (var size = 1; size <= leaves.Count; size++)
        {
            var root = Merkle.Root(leaves.Take(size).ToList());
            tree.Root(size).ShouldBe(root);
            for (var m = 0; m < size; m++)
                Merkle.VerifyInclusion(m, size, leaves[m], tree.InclusionProof(m, size), root).ShouldBeTrue();
            for (var first = 1; first <= size; first++)
                Merkle.VerifyConsistency(first, size, tree.Root(first), root, tree.ConsistencyProof(first, size)).ShouldBeTrue();
        }
        Merkle.VerifyInclusion(3, 10, leaves[4], tree.InclusionProof(3, 10), tree.Root(10)).ShouldBeFalse();
        Merkle.VerifyConsistency(4, 10, tree.Root(5), tree.Root(10), tree.ConsistencyProof(4, 10)).ShouldBeFalse();
    }

    [Fact]
    public void a_key_in_gos_note_form_round_trips_and_signs_notes_it_verifies()
    {
        var text = SigningKey.Format("ledger.example.fi/events", new byte[32]);
        using var key = SigningKey.Parse(text);
        var verifier = VerifierKey.Parse(key.Verifier.ToString(), out var problem).ShouldNotBeNull(problem);
        var note = SignedNote.Parse(key.Sign(new Checkpoint("ledger.example.fi/events", 3, Merkle.EmptyRoot).Body), out problem).ShouldNotBeNull(problem);
        verifier.Verifies(note).ShouldBeTrue();
        verifier.Verifies(note with { Body = note.Body.Replace("\n3\n", "\n4\n") }).ShouldBeFalse();
    }
}
