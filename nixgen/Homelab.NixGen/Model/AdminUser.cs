namespace Homelab.NixGen.Model;

/// <summary>An administrator: a normal user in <c>wheel</c> (and <c>incus-admin</c> when Incus is on) with SSH keys.</summary>
internal sealed record AdminUser(string Name, IReadOnlyList<string> SshKeys);
