namespace Homelab.Provider.Host;

/// <summary>
/// <c>HOMELAB_*</c> environment variables: defaults for settings the provider block leaves unset
/// (the configuration always wins). Read through a lookup function so tests need no process env.
/// </summary>
public static class HostEnvironment
{
    /// <summary>Name of the default remote (overridden by <c>default_remote</c>).</summary>
    public const string DefaultRemote = "HOMELAB_DEFAULT_REMOTE";

    /// <summary>Address of an implicit remote named <c>default</c> (when no block is named so).</summary>
    public const string Address = "HOMELAB_ADDRESS";

    /// <summary>Pinned host key of that implicit remote (host keys are per host, so only there).</summary>
    public const string HostKeyFingerprint = "HOMELAB_HOST_KEY_FINGERPRINT";

    public const string PrivateKeyFile = "HOMELAB_PRIVATE_KEY_FILE";
    public const string PrivateKey = "HOMELAB_PRIVATE_KEY";
    public const string PrivateKeyPassphrase = "HOMELAB_PRIVATE_KEY_PASSPHRASE";

    /// <summary>The standard ssh-agent socket variable (not ours; read for `ssh_agent`).</summary>
    public const string AgentSocket = "SSH_AUTH_SOCK";
    public const string KnownHostsFile = "HOMELAB_KNOWN_HOSTS_FILE";
    public const string InsecureSkipHostKeyCheck = "HOMELAB_INSECURE_SKIP_HOST_KEY_CHECK";
    public const string Sudo = "HOMELAB_SUDO";
    public const string StateDir = "HOMELAB_STATE_DIR";
    public const string CommandTimeout = "HOMELAB_COMMAND_TIMEOUT";

    /// <summary>Every variable with the sentence the docs print for it.</summary>
    public static readonly IReadOnlyList<(string Name, string Meaning)> All =
    [
        (DefaultRemote, "default for `default_remote`"),
        (Address, "address of an implicit remote named `default`"),
        (HostKeyFingerprint, "`host_key_fingerprint` of that implicit remote"),
        (PrivateKeyFile, "`private_key_file` of remotes that set no key"),
        (PrivateKey, "`private_key` of remotes that set no key"),
        (PrivateKeyPassphrase, "`private_key_passphrase` of remotes that set none"),
        (KnownHostsFile, "`known_hosts_file` of remotes that set none"),
        (InsecureSkipHostKeyCheck, "`insecure_skip_host_key_check` (`true`/`1`) of remotes that set none"),
        (Sudo, "`sudo` (`true`/`1`) of remotes that set none"),
        (StateDir, "`state_dir` of remotes that set none"),
        (CommandTimeout, "`command_timeout` in seconds of remotes that set none"),
    ];

    public static bool IsTrue(string? value) =>
        value is not null && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("yes", StringComparison.OrdinalIgnoreCase));
}
