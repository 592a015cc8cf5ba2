namespace Homelab.NixGen.Model;

/// <summary>
/// A ZFS filesystem created by disko. <paramref name="Name"/> is relative to its pool;
/// a null <paramref name="Mountpoint"/> means <c>mountpoint=none</c>, otherwise the dataset uses
/// <c>mountpoint=legacy</c> and disko emits the <c>fileSystems</c> entry.
/// <paramref name="BlankSnapshot"/> asks disko to take an empty <c>@blank</c> snapshot right after creation
/// (for an optional erase-your-darlings rollback of the root).
/// </summary>
internal sealed record Dataset(
    string Name,
    string? Mountpoint,
    IReadOnlyList<KeyValuePair<string, string>> Properties,
    string Comment,
    bool BlankSnapshot = false);
