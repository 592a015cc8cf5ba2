namespace Homelab.NixGen.Model;

/// <summary>Pool-wide ZFS maintenance: scrub calendar and the device directory pools are imported from.</summary>
internal sealed record ZfsSettings(string ScrubInterval, string DevNodes);
