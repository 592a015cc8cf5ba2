namespace Homelab.NixGen.Rendering;

/// <summary>One generated file: its path relative to the output directory (with '/') and its text.</summary>
internal sealed record OutputFile(string RelativePath, string Content);
