namespace Homelab.NixGen.Model;

/// <summary>The nixpkgs branch the flake follows (e.g. <c>nixos-26.05</c>) and the host platform.</summary>
internal sealed record NixpkgsInput(string Branch, string System);
