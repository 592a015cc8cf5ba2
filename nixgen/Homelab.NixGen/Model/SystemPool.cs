namespace Homelab.NixGen.Model;

/// <summary>The system pool on the boot disk: ESP + one ZFS partition, datasets sorted by name.</summary>
internal sealed record SystemPool(
    string Name,
    string Device,
    string EspSize,
    int Ashift,
    IReadOnlyList<Dataset> Datasets);
