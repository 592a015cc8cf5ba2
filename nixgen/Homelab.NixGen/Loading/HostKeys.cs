namespace Homelab.NixGen.Loading;

/// <summary>
/// The keys each section of a host file accepts. The loader rejects anything else and a test keeps
/// <c>host.schema.json</c> in step with these lists.
/// </summary>
internal static class HostKeys
{
    public static readonly string[] Root =
        ["hostname", "hostId", "timeZone", "stateVersion", "nixpkgs", "admins", "zfs", "disks", "incus", "tailscale", "homelab", "monitor", "replication"];

    public static readonly string[] Nixpkgs = ["branch", "system"];

    public static readonly string[] Admin = ["name", "sshKeys"];

    public static readonly string[] Zfs = ["scrubInterval", "devNodes"];

    public static readonly string[] Disks = ["system", "replica"];

    public static readonly string[] SystemDisk = ["device", "pool", "espSize", "ashift", "reserve", "datasets"];

    public static readonly string[] ExtraDataset = ["mountpoint", "properties", "comment"];

    public static readonly string[] ReplicaDisk = ["device", "pool", "ashift", "dataset"];

    public static readonly string[] Incus = ["dataset", "storagePool", "bridge", "httpsAddress", "ui"];

    public static readonly string[] Bridge = ["name", "ipv4", "nat"];

    public static readonly string[] Tailscale = ["authKeyFile", "openFirewall"];

    public static readonly string[] Homelab = ["stateDir", "sanoidOnCalendar"];

    public static readonly string[] Monitor = ["interval", "failOn"];

    public static readonly string[] Replication = ["pullKeys"];

    public static readonly string[] PullKey = ["key", "user", "datasets"];
}
