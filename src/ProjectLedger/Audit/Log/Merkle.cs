using System.Numerics;
using System.Security.Cryptography;

namespace ProjectLedger.Audit.Log;

/// <summary>
/// RFC 9162 §2.1 (as RFC 6962 §2.1) Merkle tree hashing with SHA-256, and the checks of inclusion
/// (§2.1.3.2) and consistency (§2.1.4.2) proofs. Pure: shared with ops/verify.
/// </summary>
public static class Merkle
{
    public const int HashSize = 32;
    public static readonly byte[] EmptyRoot = SHA256.HashData([]);

    public static byte[] LeafHash(ReadOnlySpan<byte> leaf)
    {
        var buffer = new byte[leaf.Length + 1];
        leaf.CopyTo(buffer.AsSpan(1));
        return SHA256.HashData(buffer);
    }

    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> buffer = stackalloc byte[1 + 2 * HashSize];
        buffer[0] = 1;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + HashSize)..]);
        return SHA256.HashData(buffer);
    }

    /// <summary>The largest power of two smaller than n (n > 1): where a tree of n leaves splits.</summary>
    public static long Split(long n) => 1L << (63 - BitOperations.LeadingZeroCount((ulong)(n - 1)));

    /// <summary>The root of a list of leaf hashes (for verifiers that hold them all).</summary>
    public static byte[] Root(IReadOnlyList<byte[]> leafHashes)
    {
        if (leafHashes.Count == 0) return EmptyRoot;
        // Fold complete subtrees left to right, as a stack of (size, hash).
        var stack = new List<(long Size, byte[] Hash)>();
        foreach (var leaf in leafHashes)
        {
            var (size, hash) = (1L, leaf);
            while (stack.Count > 0 && stack[^1].Size == size)
            {
                hash = NodeHash(stack[^1].Hash, hash);
                size *= 2;
                stack.RemoveAt(stack.Count - 1);
            }
            stack.Add((size, hash));
        }
        var root = stack[^1].Hash;
        for (var i = stack.Count - 2; i >= 0; i--) root = NodeHash(stack[i].Hash, root);
        return root;
    }

    /// <summary>RFC 9162 §2.1.3.2: does the audit path prove leafHash at leafIndex in the tree of treeSize with this root?</summary>
    public static bool VerifyInclusion(long leafIndex, long treeSize, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> path, ReadOnlySpan<byte> root)
    {
        if (leafIndex < 0 || leafIndex >= treeSize) return false;
        long fn = leafIndex, sn = treeSize - 1;
        var r = leafHash.ToArray();
        foreach (var p in path)
        {
            if (sn == 0) return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                r = NodeHash(p, r);
                if ((fn & 1) == 0)
                    while ((fn & 1) == 0 && fn != 0) { fn >>= 1; sn >>= 1; }
            }
            else
            {
                r = NodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && r.AsSpan().SequenceEqual(root);
    }

    /// <summary>RFC 9162 §2.1.4.2: does the proof show the tree of size first (firstRoot) is a prefix of the tree of size second (secondRoot)?</summary>
    public static bool VerifyConsistency(long first, long second, ReadOnlySpan<byte> firstRoot, ReadOnlySpan<byte> secondRoot, IReadOnlyList<byte[]> proof)
    {
        if (first < 0 || first > second) return false;
        if (first == second) return proof.Count == 0 && firstRoot.SequenceEqual(secondRoot);
        if (first == 0) return proof.Count == 0;
        var path = new List<byte[]>(proof);
        if (path.Count == 0) return false;
        if (BitOperations.IsPow2(first)) path.Insert(0, firstRoot.ToArray());
        long fn = first - 1, sn = second - 1;
        while ((fn & 1) == 1) { fn >>= 1; sn >>= 1; }
        var fr = path[0];
        var sr = path[0];
        foreach (var c in path.Skip(1))
        {
            if (sn == 0) return false;
            if ((fn & 1) == 1 || fn == sn)
            {
                fr = NodeHash(c, fr);
                sr = NodeHash(c, sr);
                if ((fn & 1) == 0)
                    while ((fn & 1) == 0 && fn != 0) { fn >>= 1; sn >>= 1; }
            }
            else
            {
                sr = NodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && fr.AsSpan().SequenceEqual(firstRoot) && sr.AsSpan().SequenceEqual(secondRoot);
    }
}
