using System.Text.RegularExpressions;
using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Kit;

namespace Homelab.Provider.Host;

/// <summary>
/// The provider block: named <c>remote</c> blocks plus <c>default_remote</c>, with <c>HOMELAB_*</c>
/// environment defaults (<see cref="HostEnvironment"/>). A remote named <c>local</c> (this machine)
/// always exists unless a block redefines it.
/// </summary>
internal static partial class ProviderConfig
{
    public const string LocalRemote = "local";

    [GeneratedRegex("\\A[a-z0-9][a-z0-9_-]{0,62}\\z")]
    public static partial Regex RemoteNamePattern();

    public static Block Schema { get; } = new()
    {
        Description = "Manages the state-protection layer of a NixOS + Incus homelab host: ZFS datasets, Sanoid snapshots, Syncoid replication, Restic backups and ntfy alerts. Commands run on *remotes*: the machine running tofu (`local`, always available) or hosts reached over SSH.",
        Attributes =
        [
            new SchemaAttribute("default_remote", TfType.String,
                "Remote used by resources that set no `remote`. Default: `HOMELAB_DEFAULT_REMOTE`, else `default` when `HOMELAB_ADDRESS` is set, else the only `remote` block, else `local`.") { Optional = true },
        ],
        Blocks =
        [
            new NestedBlock("remote", new Block
            {
                Description = "A host the provider manages. Connections open lazily, once per remote and provider process.",
                Attributes =
                [
                    new SchemaAttribute("name", TfType.String, "Name that resources use in `remote` and import ids use as `<remote>:`. Lowercase letters, digits, `_` and `-`.")
                    {
                        Required = true,
                        Validators = [RemoteNameValidator],
                    },
                    new SchemaAttribute("address", TfType.String, "`local` (run commands on the machine running tofu) or `ssh://user@host:port` (user defaults to `root`, port to 22). Default `local`.")
                    {
                        Optional = true,
                        Validators = [AddressValidator],
                    },
                    new SchemaAttribute("private_key_file", TfType.String, "Path of the SSH private key (OpenSSH or PEM; ed25519, ECDSA or RSA) on the machine running tofu; `~/` is its user's home directory. Default `HOMELAB_PRIVATE_KEY_FILE`.")
                    {
                        Optional = true,
                        Validators = [LocalPath.Validator],
                    },
                    new SchemaAttribute("ssh_agent", TfType.Bool, "Authenticate with the keys of the running ssh-agent (`SSH_AUTH_SOCK`); the private keys never enter the provider. Unset: the agent is used when the remote has no `private_key_file`/`private_key` and `SSH_AUTH_SOCK` is set. `false`: never.") { Optional = true },
                    new SchemaAttribute("private_key", TfType.String, "The SSH private key itself (e.g. from a secret store). Default `HOMELAB_PRIVATE_KEY`.") { Optional = true, Sensitive = true },
                    new SchemaAttribute("private_key_passphrase", TfType.String, "Passphrase of an encrypted private key. Default `HOMELAB_PRIVATE_KEY_PASSPHRASE`.") { Optional = true, Sensitive = true },
                    new SchemaAttribute("known_hosts_file", TfType.String, "OpenSSH `known_hosts` file the host key must be listed in (hashed entries and `[host]:port` work), on the machine running tofu; `~/` is its user's home directory. Default `HOMELAB_KNOWN_HOSTS_FILE`.")
                    {
                        Optional = true,
                        Validators = [LocalPath.Validator],
                    },
                    new SchemaAttribute("host_key_fingerprint", TfType.String, "Pinned host key, `SHA256:…` as printed by `ssh-keygen -lf`. Checked before `known_hosts_file`.")
                    {
                        Optional = true,
                        Validators = [FingerprintValidator],
                    },
                    new SchemaAttribute("insecure_skip_host_key_check", TfType.Bool, "Accept any host key when neither `host_key_fingerprint` nor `known_hosts_file` is set. Only for throwaway test hosts: it allows man-in-the-middle attacks. Default `false` (unknown keys are refused).") { Optional = true },
                    new SchemaAttribute("sudo", TfType.Bool, "Run every command through `sudo -n --` (non-interactive: configure NOPASSWD for the SSH user). Default `false`, or `HOMELAB_SUDO`.") { Optional = true },
                    new SchemaAttribute("state_dir", TfType.String, "Directory the provider owns on the host (unit files, sanoid.conf, restic settings). Default `/var/lib/homelab`, or `HOMELAB_STATE_DIR`.")
                    {
                        Optional = true,
                        Validators = [StateDirValidator],
                    },
                    new SchemaAttribute("tools", TfType.Map(TfType.String), "Absolute paths of host tools that override discovery (`command -v`, then the sbin and NixOS system directories), e.g. `{ zfs = \"/usr/sbin/zfs\" }`.")
                    {
                        Optional = true,
                        Validators = [Validators.Custom("Values are absolute paths.", (v, p, d) =>
                        {
                            foreach (var (k, e) in v.Entries)
                            {
                                if (e.IsKnown && !AbsolutePathPattern().IsMatch(e.AsString()))
                                {
                                    d.AddError("Invalid tool path", $"\"{Validators.Printable(e.AsString())}\" is not an absolute path of letters, digits and `/ . _ - +`.", p.Key(k));
                                }
                            }
                        })],
                    },
                    new SchemaAttribute(PlacementSettings.Attribute, TfType.List(TfType.String), "Datasets (or whole pools) owned by Incus on this host, in addition to those carrying the ZFS user property `homelab:owner=incus` (which the generated NixOS foundation sets), written exactly as `zfs list` prints them, e.g. `[\"rpool/incus\"]`. The provider never creates, moves, snapshots, replicates into or destroys datasets at or inside them.")
                    {
                        Optional = true,
                        Validators = [PlacementSettings.Validator],
                    },
                    new SchemaAttribute("command_timeout", TfType.Number, "Seconds a single host command may run before it is killed. Default 300.")
                    {
                        Optional = true,
                        Validators = [Validators.IntBetween(MinCommandTimeout, MaxCommandTimeout)],
                    },
                    new SchemaAttribute("connect_timeout", TfType.Number, "Seconds to establish the SSH session. Default 15.")
                    {
                        Optional = true,
                        Validators = [Validators.IntBetween(1, 600)],
                    },
                ],
            }, Framework.Schema.NestingMode.List),
        ],
    };

    private const long MinCommandTimeout = 1;
    private const long MaxCommandTimeout = 86400;

    private static IValueValidator RemoteNameValidator => Validators.Matches(RemoteNamePattern(), "Use 1-63 lowercase letters, digits, `_` or `-`, starting with a letter or digit.");

    private static IValueValidator AddressValidator => Validators.Custom("`local` or `ssh://user@host:port`.", (v, p, d) =>
    {
        if (RemoteAddress.TryParse(v.AsString(), out _) is { } problem)
        {
            d.AddError("Invalid remote address", problem + " Example: `ssh://root@atlas.lan:22`.", p);
        }
    });

    private static IValueValidator FingerprintValidator => Validators.Matches(FingerprintPattern(), "Use the `SHA256:<base64>` form printed by `ssh-keygen -lf <key>.pub`.");

    private static IValueValidator StateDirValidator => Validators.Matches(AbsolutePathPattern(), "Use an absolute path of letters, digits and `/ . _ - +`, without `..`.");

    /// <summary>Each <c>HOMELAB_*</c> default with the attribute it stands for and that attribute's validator (secrets excluded: never echoed).</summary>
    private static readonly Dictionary<string, (string Attribute, IValueValidator Validator)> EnvironmentRules = new(StringComparer.Ordinal)
    {
        [HostEnvironment.DefaultRemote] = ("default_remote", RemoteNameValidator),
        [HostEnvironment.Address] = ("address", AddressValidator),
        [HostEnvironment.HostKeyFingerprint] = ("host_key_fingerprint", FingerprintValidator),
        [HostEnvironment.PrivateKeyFile] = ("private_key_file", LocalPath.Validator),
        [HostEnvironment.KnownHostsFile] = ("known_hosts_file", LocalPath.Validator),
        [HostEnvironment.InsecureSkipHostKeyCheck] = ("insecure_skip_host_key_check", EnvironmentDefaults.Boolean),
        [HostEnvironment.Sudo] = ("sudo", EnvironmentDefaults.Boolean),
        [HostEnvironment.StateDir] = ("state_dir", StateDirValidator),
        [HostEnvironment.CommandTimeout] = ("command_timeout", EnvironmentDefaults.IntegerText(MinCommandTimeout, MaxCommandTimeout)),
    };

    [GeneratedRegex("\\ASHA256:[A-Za-z0-9+/]{43}=?\\z")]
    private static partial Regex FingerprintPattern();

    [GeneratedRegex("\\A/(?!.*(^|/)\\.\\.(/|\\z))[A-Za-z0-9/._+-]*\\z")]
    private static partial Regex AbsolutePathPattern();

    /// <summary>Cross-remote checks (values may be unknown).</summary>
    public static void Validate(TfValue config, DiagnosticBag diagnostics)
    {
        if (!config.IsKnown || !config["remote"].IsKnown)
        {
            return;
        }
        var names = new HashSet<string>(StringComparer.Ordinal) { LocalRemote };
        var blocks = config["remote"].Elements;
        var declared = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < blocks.Length; i++)
        {
            var name = blocks[i].GetString("name");
            if (!name.IsKnown)
            {
                return;
            }
            if (!declared.Add(name.Value!))
            {
                diagnostics.AddError("Duplicate remote", $"Two remote blocks are named \"{name.Value}\". Give each remote its own name.", AttrPath.Attribute("remote").Index(i).Attr("name"));
            }
            names.Add(name.Value!);
        }
        var def = config.GetString("default_remote");
        if (def.IsKnown && !names.Contains(def.Value!) && !(def.Value == "default" && Environment.GetEnvironmentVariable(HostEnvironment.Address) is not null))
        {
            diagnostics.AddError("Unknown default remote", $"`default_remote = \"{def.Value}\"` names no remote. Configured: {string.Join(", ", names.Order(StringComparer.Ordinal))}.", AttrPath.Attribute("default_remote"));
        }
    }

    /// <summary>Builds the registry from a wholly known configuration and the environment.</summary>
    public static HostRegistry Build(TfValue config, Func<string, string?> environment, DiagnosticBag diagnostics)
    {
        var env = EnvironmentDefaults.Validated(environment, EnvironmentRules, diagnostics);
        var remotes = new List<RemoteSettings>();
        // Values known only after apply (an address from another resource, say) must never fall
        // back to defaults: a remote whose block is not wholly known is registered as unresolved,
        // and when even the set of remotes or the default is unknown, every remote is.
        var unresolved = new HashSet<string>(StringComparer.Ordinal);
        var allUnresolved = !config.IsKnown || config["remote"].IsUnknown || config["default_remote"].IsUnknown;
        var blocks = config.IsKnown && config["remote"].IsKnown ? config["remote"].Elements : [];
        for (var i = 0; i < blocks.Length; i++)
        {
            if (!blocks[i].IsWhollyKnown)
            {
                if (blocks[i].IsKnown && blocks[i].GetString("name") is { IsKnown: true } known)
                {
                    unresolved.Add(known.Value!);
                    remotes.Add(new RemoteSettings { Name = known.Value! });
                }
                else
                {
                    allUnresolved = true;
                }
                continue;
            }
            if (Remote(blocks[i], env, AttrPath.Attribute("remote").Index(i), diagnostics) is { } r)
            {
                remotes.Add(r);
            }
        }
        if (!remotes.Exists(r => r.Name == LocalRemote))
        {
            remotes.Add(WithEnv(new RemoteSettings
            {
                Name = LocalRemote,
                StateDir = null!,
                Sudo = IsTrue(env, HostEnvironment.Sudo),
                // Unset, so HOMELAB_COMMAND_TIMEOUT applies (the record's default would win).
                CommandTimeout = TimeSpan.Zero,
            }, env, AttrPath.Attribute("remote"), diagnostics));
        }
        string? implicitDefault = null;
        if (env(HostEnvironment.Address) is { Length: > 0 } address && !remotes.Exists(r => r.Name == "default"))
        {
            if (RemoteAddress.TryParse(address, out var parsed) is { } problem)
            {
                diagnostics.AddError("Invalid HOMELAB_ADDRESS", problem);
            }
            else
            {
                remotes.Add(WithEnv(new RemoteSettings
                {
                    Name = "default",
                    Address = address,
                    SshHost = parsed.Host,
                    SshPort = parsed.Port,
                    SshUser = parsed.User ?? "root",
                    HostKeyFingerprint = NonEmpty(env(HostEnvironment.HostKeyFingerprint)),
                    InsecureSkipHostKeyCheck = IsTrue(env, HostEnvironment.InsecureSkipHostKeyCheck),
                    Sudo = IsTrue(env, HostEnvironment.Sudo),
                    StateDir = null!,
                    CommandTimeout = TimeSpan.Zero,
                }, env, AttrPath.Attribute("remote"), diagnostics));
                implicitDefault = "default";
            }
        }
        var declared = config.IsKnown ? config.GetString("default_remote") : Tf<string>.Null;
        var defaultRemote = declared.IsKnown ? declared.Value!
            : env(HostEnvironment.DefaultRemote) is { Length: > 0 } fromEnv ? fromEnv
            : implicitDefault ?? (blocks.Length == 1 ? remotes[0].Name : LocalRemote);
        if (!allUnresolved && !remotes.Exists(r => r.Name == defaultRemote))
        {
            diagnostics.AddError("Unknown default remote", $"The default remote \"{defaultRemote}\" is not configured. Configured: {string.Join(", ", remotes.Select(r => r.Name).Order(StringComparer.Ordinal))}.", AttrPath.Attribute("default_remote"));
        }
        return new HostRegistry(remotes, defaultRemote) { Unresolved = unresolved, AllUnresolved = allUnresolved };
    }

    private static RemoteSettings? Remote(TfValue block, Func<string, string?> env, AttrPath path, DiagnosticBag diagnostics)
    {
        var name = block.GetString("name").Get();
        var address = block.GetString("address").ValueOr("local");
        if (RemoteAddress.TryParse(address, out var parsed) is { } problem)
        {
            diagnostics.AddError("Invalid remote address", problem, path.Attr("address"));
            return null;
        }
        var settings = new RemoteSettings
        {
            Name = name,
            Address = address,
            SshHost = parsed.Host,
            SshPort = parsed.Port,
            SshUser = parsed.User ?? "root",
            PrivateKeyFile = block.GetString("private_key_file").OrNull(),
            PrivateKey = block.GetString("private_key").OrNull(),
            PrivateKeyPassphrase = block.GetString("private_key_passphrase").OrNull(),
            UseAgent = block.GetBool("ssh_agent") is { IsKnown: true } agent ? agent.Value : null,
            KnownHostsFile = block.GetString("known_hosts_file").OrNull(),
            HostKeyFingerprint = block.GetString("host_key_fingerprint").OrNull(),
            InsecureSkipHostKeyCheck = block.GetBool("insecure_skip_host_key_check").ValueOr(IsTrue(env, HostEnvironment.InsecureSkipHostKeyCheck)),
            Sudo = block.GetBool("sudo").ValueOr(IsTrue(env, HostEnvironment.Sudo)),
            StateDir = block.GetString("state_dir").OrNull()!, // null until WithEnv fills it
            Tools = block.GetStringMap("tools").ValueOr(new Dictionary<string, string>(StringComparer.Ordinal)),
            IncusDatasets = PlacementSettings.Read(block, path, diagnostics),
            CommandTimeout = block.GetInt64("command_timeout") is { IsKnown: true } t ? TimeSpan.FromSeconds(t.Value) : TimeSpan.Zero,
            ConnectTimeout = block.GetInt64("connect_timeout") is { IsKnown: true } c ? TimeSpan.FromSeconds(c.Value) : RemoteSettings.DefaultConnectTimeout,
        };
        if (settings.UseAgent == true && NonEmpty(env(HostEnvironment.AgentSocket)) is null)
        {
            diagnostics.AddError("No ssh-agent", $"`ssh_agent = true` but {HostEnvironment.AgentSocket} is not set in the environment tofu/terraform runs in. Start an agent (`eval $(ssh-agent)` + `ssh-add`) or set a key.", path.Attr("ssh_agent"));
            return null;
        }
        return WithEnv(settings, env, path, diagnostics);
    }

    /// <summary>Fills settings left unset from the environment, then the built-in defaults; expands <c>~</c> in local paths.</summary>
    private static RemoteSettings WithEnv(RemoteSettings s, Func<string, string?> env, AttrPath path, DiagnosticBag diagnostics)
    {
        string? Home(string? file, string attribute)
        {
            if (file is null)
            {
                return null;
            }
            if (LocalPath.Expand(file, env("HOME")) is { } expanded)
            {
                return expanded;
            }
            diagnostics.AddError("Cannot expand ~", $"`{attribute}` of remote \"{s.Name}\" is \"{Validators.Printable(file)}\", but HOME is not set in the environment tofu/terraform runs in. Write the absolute path.", path.Attr(attribute));
            return null;
        }

        var keyFromConfig = s.PrivateKey is not null || s.PrivateKeyFile is not null;
        var keyFile = keyFromConfig ? s.PrivateKeyFile : NonEmpty(env(HostEnvironment.PrivateKeyFile));
        var key = keyFromConfig ? s.PrivateKey : NonEmpty(env(HostEnvironment.PrivateKey));
        // Like ssh: the agent serves remotes that name no key, unless told otherwise.
        var useAgent = s.UseAgent ?? (keyFile is null && key is null);
        return s with
        {
            PrivateKeyFile = Home(keyFile, "private_key_file"),
            PrivateKey = key,
            AgentSocket = useAgent ? NonEmpty(env(HostEnvironment.AgentSocket)) : null,
            PrivateKeyPassphrase = s.PrivateKeyPassphrase ?? NonEmpty(env(HostEnvironment.PrivateKeyPassphrase)),
            KnownHostsFile = Home(s.KnownHostsFile ?? NonEmpty(env(HostEnvironment.KnownHostsFile)), "known_hosts_file"),
            StateDir = s.StateDir ?? NonEmpty(env(HostEnvironment.StateDir)) ?? RemoteSettings.DefaultStateDir,
            CommandTimeout = s.CommandTimeout > TimeSpan.Zero ? s.CommandTimeout
                : long.TryParse(env(HostEnvironment.CommandTimeout), out var secs) && secs > 0 ? TimeSpan.FromSeconds(secs)
                : RemoteSettings.DefaultCommandTimeout,
        };
    }

    private static bool IsTrue(Func<string, string?> env, string name) => HostEnvironment.IsTrue(env(name));

    private static string? NonEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
