namespace Homelab.NixGen.Model;

/// <summary>The 8-hex-digit <c>networking.hostId</c>; <paramref name="Derived"/> when nixgen computed it from the hostname.</summary>
internal sealed record HostIdentity(string Value, bool Derived);
