namespace Homelab.NixGen.Model;

/// <summary>The Incus daemon and the minimal preseed it owns: one bridge, one storage pool, the default profile.</summary>
internal sealed record IncusSettings(
    string Dataset,
    string StoragePool,
    string BridgeName,
    string BridgeIpv4,
    bool BridgeNat,
    string? HttpsAddress,
    bool Ui);
