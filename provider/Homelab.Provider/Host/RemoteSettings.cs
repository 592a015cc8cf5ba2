namespace Homelab.Provider.Host;

/// <summary>
/// One configured remote (a provider <c>remote</c> block after environment defaults were applied).
/// Immutable; secrets (<see cref="PrivateKey"/>, <see cref="PrivateKeyPassphrase"/>) are never logged.
/// </summary>
public sealed record RemoteSettings
{
    public const string DefaultStateDir = "/var/lib/homelab";

    public static readonly TimeSpan DefaultCommandTimeout = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(15);

    public required string Name { get; init; }

    /// <summary>True: commands run on the machine running tofu. False: over SSH.</summary>
    public bool IsLocal => SshHost is null;

    /// <summary>The address as configured: <c>local</c> or <c>ssh://user@host:port</c>.</summary>
    public string Address { get; init; } = "local";

    public string? SshHost { get; init; }

    public int SshPort { get; init; } = 22;

    public string SshUser { get; init; } = "root";

    public string? PrivateKeyFile { get; init; }

    public string? PrivateKey { get; init; }

    public string? PrivateKeyPassphrase { get; init; }

    /// <summary>The <c>ssh_agent</c> setting as configured: true, false, or unset (null).</summary>
    public bool? UseAgent { get; init; }

    /// <summary>The ssh-agent socket to take keys from, resolved from <see cref="UseAgent"/> and SSH_AUTH_SOCK; null for none.</summary>
    public string? AgentSocket { get; init; }

    public string? KnownHostsFile { get; init; }

    /// <summary><c>SHA256:</c> + base64 (as printed by <c>ssh-keygen -lf</c>).</summary>
    public string? HostKeyFingerprint { get; init; }

    public bool InsecureSkipHostKeyCheck { get; init; }

    public bool Sudo { get; init; }

    public string StateDir { get; init; } = DefaultStateDir;

    /// <summary>Tool name → absolute path on the host, overriding discovery.</summary>
    public IReadOnlyDictionary<string, string> Tools { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Datasets the user declared as Incus-owned (in addition to <c>homelab:owner=incus</c>).</summary>
    public IReadOnlyList<string> IncusDatasets { get; init; } = [];

    public TimeSpan CommandTimeout { get; init; } = DefaultCommandTimeout;

    public TimeSpan ConnectTimeout { get; init; } = DefaultConnectTimeout;

    /// <summary>Wraps argv in <c>sudo -n --</c> when this remote uses sudo (never prompts: -n).</summary>
    public IReadOnlyList<string> WithSudo(HostCommand command) =>
        Sudo && !command.NoSudo ? ["sudo", "-n", "--", .. command.Argv] : command.Argv;

    public override string ToString() => $"{Name} ({Address})";
}
