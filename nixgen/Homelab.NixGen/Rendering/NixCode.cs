namespace Homelab.NixGen.Rendering;

/// <summary>Nix source already produced by <see cref="Nix"/>; printed by templates as is.</summary>
internal sealed record NixCode(string Text);
