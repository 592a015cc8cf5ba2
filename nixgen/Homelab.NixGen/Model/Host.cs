namespace Homelab.NixGen.Model;

/// <summary>A validated host description: everything the templates need, nothing they must compute.</summary>
internal sealed record Host(
    string Hostname,
    HostIdentity HostId,
    string TimeZone,
    string StateVersion,
    NixpkgsInput Nixpkgs,
    IReadOnlyList<AdminUser> Admins,
    ZfsSettings Zfs,
    SystemPool SystemPool,
    ReplicaPool? ReplicaPool,
    IncusSettings? Incus,
    TailscaleSettings? Tailscale,
    HomelabRuntime Runtime,
    IReadOnlyList<PullKey> PullKeys);
