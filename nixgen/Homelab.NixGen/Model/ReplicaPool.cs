namespace Homelab.NixGen.Model;

/// <summary>
/// A second pool on its own disk that only receives replicas. It has no <c>fileSystems</c> entries,
/// so it is imported through <c>boot.zfs.extraPools</c>.
/// </summary>
internal sealed record ReplicaPool(string Name, string Device, int Ashift, string ReceiveDataset);
