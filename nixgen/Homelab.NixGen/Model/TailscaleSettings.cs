namespace Homelab.NixGen.Model;

/// <summary>Tailscale; the auth key is a runtime file path, never a value in the store.</summary>
internal sealed record TailscaleSettings(string? AuthKeyFile, bool OpenFirewall);
