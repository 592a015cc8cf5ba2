namespace Homelab.Provider.Zfs;

/// <summary>
/// One snapshot of a dataset as <c>zfs get creation,createtxg</c> reports it: the part after
/// <c>@</c>, the creation time (Unix seconds, 1-second resolution) and the transaction group
/// that created it (strictly increasing within a pool, so it orders snapshots taken in the same
/// second).
/// </summary>
internal sealed record Snapshot(string Name, long Creation, long CreateTxg);
