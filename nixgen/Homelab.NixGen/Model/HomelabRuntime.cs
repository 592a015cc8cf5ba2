namespace Homelab.NixGen.Model;

/// <summary>
/// The runtime the provider drives (docs/guides/host-contract.md): the state dir, how often sanoid runs,
/// which datasets Incus owns (the provider must never create datasets inside them) and the health monitor.
/// </summary>
internal sealed record HomelabRuntime(
    string StateDir,
    string SanoidOnCalendar,
    IReadOnlyList<string> IncusOwnedDatasets,
    MonitorSettings Monitor);
