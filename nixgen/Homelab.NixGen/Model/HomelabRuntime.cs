namespace Homelab.NixGen.Model;

/// <summary>
/// The runtime the provider drives (docs/guides/host-contract.md): the state dir, how often sanoid runs,
/// and which datasets Incus owns (the provider must never create datasets inside them).
/// </summary>
internal sealed record HomelabRuntime(
    string StateDir,
    string SanoidOnCalendar,
    IReadOnlyList<string> IncusOwnedDatasets);
