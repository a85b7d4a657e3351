namespace ProjectLedger.Audit.Log;

/// <summary>
/// A log leaf is an event's canonical form (HashChain.Canonical, scheme 2, whatever scheme its
/// chain hash was written with), with its stored previous hash: docs/transparency-log.md.
/// </summary>
public static class LeafForm
{
    public static byte[] Bytes(ChainedEvent e) => HashChain.Canonical(e);

    public static byte[] LeafHash(ChainedEvent e) => Merkle.LeafHash(Bytes(e));
}
