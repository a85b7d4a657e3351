namespace ProjectLedger.Audit.Log;

/// <summary>
/// An append-only RFC 9162 tree kept in memory: the hash of every complete subtree, by level
/// (level 0 the leaf hashes), so roots, proofs and tiles are a handful of lookups. About 64 bytes a
/// leaf. Thread-safe: one appender, many readers.
/// </summary>
public sealed class MerkleTree
{
    private const int ChunkHashes = 8192;
    private readonly List<List<byte[]>> _levels = [];
    private readonly Lock _lock = new();
    private long _size;

    public long Size { get { lock (_lock) return _size; } }

    public void Append(IEnumerable<byte[]> leafHashes)
    {
        lock (_lock)
        {
            foreach (var leaf in leafHashes)
            {
                Set(0, _size, leaf);
                // Every level whose subtree this leaf completes gets its node.
                var index = _size;
                for (var level = 0; (index & 1) == 1; level++, index >>= 1)
                    Set(level + 1, index >> 1, Merkle.NodeHash(Get(level, index - 1), Get(level, index)));
                _size++;
            }
        }
    }

    private void Set(int level, long index, byte[] hash)
    {
        while (_levels.Count <= level) _levels.Add([]);
        var chunks = _levels[level];
        var chunk = (int)(index / ChunkHashes);
        while (chunks.Count <= chunk) chunks.Add(new byte[ChunkHashes * Merkle.HashSize]);
        hash.CopyTo(chunks[chunk].AsSpan((int)(index % ChunkHashes) * Merkle.HashSize, Merkle.HashSize));
    }

    private ReadOnlySpan<byte> Get(int level, long index) =>
        _levels[level][(int)(index / ChunkHashes)].AsSpan((int)(index % ChunkHashes) * Merkle.HashSize, Merkle.HashSize);

    /// <summary>The stored hash of a complete subtree: level, index (the subtree of leaves [index·2^level, (index+1)·2^level)).</summary>
    public byte[] Node(int level, long index)
    {
        lock (_lock) return Get(level, index).ToArray();
    }

    /// <summary>How many complete subtrees of 2^level leaves the tree of the given size holds.</summary>
    public static long Complete(int level, long size) => size >> level;

    public byte[] Root(long size)
    {
        lock (_lock)
        {
            if (size > _size) throw new ArgumentOutOfRangeException(nameof(size), $"The log holds {_size} leaves, not {size}.");
            return size == 0 ? Merkle.EmptyRoot : Hash(0, size);
        }
    }

    /// <summary>MTH(D[start:end]); start is aligned to the subtree it begins, as every RFC 9162 split is.</summary>
    private byte[] Hash(long start, long end)
    {
        var n = end - start;
        if (System.Numerics.BitOperations.IsPow2(n) && start % n == 0)
            return Get(System.Numerics.BitOperations.Log2((ulong)n), start / n).ToArray();
        var k = Merkle.Split(n);
        return Merkle.NodeHash(Hash(start, start + k), Hash(start + k, end));
    }

    /// <summary>RFC 9162 §2.1.3.1: the audit path of leaf m in the tree of the given size.</summary>
    public List<byte[]> InclusionProof(long m, long size)
    {
        lock (_lock)
        {
            if (size > _size || m < 0 || m >= size) throw new ArgumentOutOfRangeException(nameof(m));
            var proof = new List<byte[]>();
            Path(m, 0, size, proof);
            return proof;
        }
    }

    private void Path(long m, long start, long end, List<byte[]> proof)
    {
        var n = end - start;
        if (n <= 1) return;
        var k = Merkle.Split(n);
        if (m < k)
        {
            Path(m, start, start + k, proof);
            proof.Add(Hash(start + k, end));
        }
        else
        {
            Path(m - k, start + k, end, proof);
            proof.Add(Hash(start, start + k));
        }
    }

    /// <summary>RFC 9162 §2.1.4.1: the consistency proof from the tree of size first to the tree of size second.</summary>
    public List<byte[]> ConsistencyProof(long first, long second)
    {
        lock (_lock)
        {
            if (second > _size || first < 0 || first > second) throw new ArgumentOutOfRangeException(nameof(first));
            var proof = new List<byte[]>();
            if (first > 0 && first < second) SubProof(first, 0, second, true, proof);
            return proof;
        }
    }

    private void SubProof(long m, long start, long end, bool complete, List<byte[]> proof)
    {
        var n = end - start;
        if (m == n)
        {
            if (!complete) proof.Add(Hash(start, end));
            return;
        }
        var k = Merkle.Split(n);
        if (m <= k)
        {
            SubProof(m, start, start + k, complete, proof);
            proof.Add(Hash(start + k, end));
        }
        else
        {
            SubProof(m - k, start + k, end, false, proof);
            proof.Add(Hash(start, start + k));
        }
    }

    /// <summary>C2SP tlog-tiles: the hashes of tile (level L, index N) in a tree of the given size, at most 256, none if it does not exist yet.</summary>
    public byte[] Tile(int tileLevel, long tileIndex, long size)
    {
        lock (_lock)
        {
            var level = tileLevel * 8;
            var available = Complete(level, Math.Min(size, _size)) - tileIndex * 256;
            if (available <= 0 || level >= _levels.Count) return [];
            var width = (int)Math.Min(available, 256);
            var tile = new byte[width * Merkle.HashSize];
            for (var i = 0; i < width; i++) Get(level, tileIndex * 256 + i).CopyTo(tile.AsSpan(i * Merkle.HashSize));
            return tile;
        }
    }
}
