using System.Text.RegularExpressions;
using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Host;
using Homelab.Provider.Units;

using Homelab.Provider.Kit;

namespace Homelab.Provider.Syncoid;

/// <summary>The schema of <c>homelab_syncoid_job</c>.</summary>
internal static class SyncoidJobSchema
{
    public static ResourceSchema Schema { get; } = new(0, new Block
    {
        Description = """
            A Syncoid replication job: a oneshot `homelab-syncoid-<name>.service` running `syncoid` with the job's flags, and a `homelab-syncoid-<name>.timer` (every 30 minutes by default), written into the state dir's `units/` and linked into `/run/systemd/system` (the NixOS foundation's `homelab-units.service` links them again at boot). The service carries `OnFailure=failure-notify@%n.service` and `OnSuccess=success-notify@%n.service`, so a failed run raises an alert, a success is recorded (and reported as recovered after a failure), and with `max_age` a job that has not succeeded for too long is reported by the foundation's monitor.

            The command line is an argv array (systemd-quoted, no shell); every flag the job uses is checked against the host's `syncoid --help`, and `schedule` against `systemd-analyze calendar`. When systemd is not running on the host (containers, CI) the files are written and a warning says so.

            Create refuses when the job's unit files already exist (import them instead), and unit files are only installed into a state dir owned by root (or the provider's user) that group and others cannot write. Destroy stops the timer and removes the units; replicated datasets and snapshots stay.

            Import id: `[<remote>:]<job name>`, e.g. `replica` or `atlas:replica`.
            """,
        Attributes =
        [
            new SchemaAttribute("name", TfType.String, "Job name (`^[a-z0-9][a-z0-9_-]{0,62}$`); the units are `homelab-syncoid-<name>.service` and `.timer`. Changing it replaces the job.")
            {
                Required = true,
                RequiresReplace = true,
                Validators = [Validators.Matches(new Regex(UnitNames.NamePattern, RegexOptions.CultureInvariant), "Use 1-63 lowercase letters, digits, `_` or `-`, starting with a letter or digit.")],
            },
            RemoteAttribute.Definition("the job"),
            new SchemaAttribute("description", TfType.String, "Free text for the unit's `Description=`.") { Optional = true, Validators = [UnitValue.Validator] },
            Endpoint("source", "Dataset to replicate: `pool/dataset` on the remote, or `[user@]host:pool/dataset` to pull from another machine."),
            Endpoint("target", "Where replicas go, e.g. `backup/replica/persistent` (`[user@]host:pool/dataset` to push elsewhere). The target's parent must exist; syncoid creates the dataset itself."),
            Flag("recursive", "Also replicate child datasets (`--recursive`)."),
            Flag("skip_parent", "With `recursive`, replicate only the children (`--skip-parent`)."),
            Flag("sync_snapshot", "Take a fresh `syncoid_…` snapshot before sending (default). `false` = `--no-sync-snap`: send only existing (e.g. sanoid's) snapshots.", true),
            Flag("keep_sync_snapshot", "Keep the sync snapshots instead of destroying them after the run (`--keep-sync-snap`)."),
            new SchemaAttribute("identifier", TfType.String, "Extra identifier in sync snapshot names, needed when one source replicates to several targets (`--identifier`).")
            {
                Optional = true,
                Validators = [Validators.Matches(SyncoidValues.Identifier(), "Letters, digits, `_ . : -`, at most 64.")],
            },
            Flag("create_bookmark", "Bookmark the newest snapshot on the source after a run (`--create-bookmark`; needs `sync_snapshot = false`)."),
            Flag("use_hold", "Hold the newest snapshot on source and target so it cannot be destroyed (`--use-hold`; syncoid 2.2 and later)."),
            new SchemaAttribute("exclude_datasets", TfType.List(TfType.String), "Regular expressions of child datasets to skip with `recursive` (`--exclude`, one per entry).")
            {
                Optional = true,
                Validators = [Each("exclude pattern", _ => null)],
            },
            Option("send_options", "Options for `zfs send`, e.g. `\"w\"` for raw sends of encrypted datasets (`--sendoptions`).", SyncoidValues.ZfsOptions(), "Letters, digits, spaces and `= , . _ : / -`."),
            Option("recv_options", "Options for `zfs receive`, e.g. `\"o compression=zstd\"` (`--recvoptions`).", SyncoidValues.ZfsOptions(), "Letters, digits, spaces and `= , . _ : / -`."),
            new SchemaAttribute("compress", TfType.String, "Compression on the wire for remote transfers (`--compress`); syncoid's default is `lzo`.")
            {
                Optional = true,
                Validators = [Validators.OneOf("gzip", "pigz-fast", "pigz-slow", "zstd-fast", "zstd-slow", "lz4", "xz", "lzo", "none")],
            },
            Option("source_bwlimit", "Bandwidth limit on the sending side, e.g. `\"50m\"` (`--source-bwlimit`, needs mbuffer).", SyncoidValues.Bandwidth(), "Digits with an optional k, m, g or t."),
            Option("target_bwlimit", "Bandwidth limit on the receiving side (`--target-bwlimit`).", SyncoidValues.Bandwidth(), "Digits with an optional k, m, g or t."),
            Flag("no_rollback", "Never roll the target back, not even to its newest common snapshot (`--no-rollback`; the target should be read-only)."),
            Flag("no_clone_rollback", "Do not roll back clones on the target (`--no-clone-rollback`)."),
            Flag("force_delete", "Destroy the target recursively when it shares no snapshot with the source (`--force-delete`). Dangerous: off by default."),
            Flag("delete_target_snapshots", "Destroy target snapshots that no longer exist on the source (`--delete-target-snapshots`; syncoid 2.2 and later)."),
            Option("ssh_key", "Private key for the ssh connection to a remote endpoint (`--sshkey`).", SyncoidValues.AbsolutePath(), "An absolute path."),
            new SchemaAttribute("ssh_port", TfType.Number, "ssh port of a remote endpoint (`--sshport`).") { Optional = true, Validators = [Validators.IntBetween(1, 65535)] },
            Option("ssh_cipher", "ssh cipher(s) for a remote endpoint (`--sshcipher`).", SyncoidValues.Cipher(), "Cipher names."),
            new SchemaAttribute("ssh_options", TfType.List(TfType.String), "ssh `-o` options, e.g. `[\"StrictHostKeyChecking=yes\"]` (`--sshoption`, one per entry).")
            {
                Optional = true,
                Validators = [Each("ssh option", s => SyncoidValues.SshOption().IsMatch(s) ? null : "Use `Name=value` with no spaces or shell characters.")],
            },
            Flag("privilege_elevation", "Let syncoid use sudo on endpoints where it is not root (default, except with a non-root `user`). `false` = `--no-privilege-elevation`, for delegated `zfs allow` permissions; a job with a non-root `user` always runs with it (a hardened unit cannot gain privileges through sudo), so `true` is refused there.", true),
            new SchemaAttribute("user", TfType.String, """
                Run the service as this existing user (`User=`, with its primary group) instead of root, with `--no-privilege-elevation`. The provider never creates users: plan checks with `getent passwd` on the host that it exists. A non-root user keeps no capability, so it needs ZFS permissions delegated with `zfs allow` (see `homelab_zfs_delegation`) on both ends: on the source `send`, `snapshot`, `hold`, `release`, `destroy`, `mount` and `bookmark` (syncoid takes and destroys its sync snapshots, holds with `use_hold`, bookmarks with `create_bookmark`); on the target `receive`, `create`, `mount`, `destroy`, `rollback` and the properties it receives (e.g. `compression`, `mountpoint`, `canmount`). On Linux only root can mount, so received file systems stay unmounted. For a remote endpoint the user also needs its ssh key and `known_hosts` in its home (read-only to the service). Default: root.
                """)
            {
                Optional = true,
                Validators = [Hardening.UserValidator],
            },
            new SchemaAttribute("hardening", TfType.String, """
                `"strict"` (default): the service runs sandboxed: `ProtectSystem=strict` (nothing on the file system is writable: zfs works through `/dev/zfs`, ssh's control socket goes to a private `/tmp`), `ProtectHome=yes` (`read-only` with a remote endpoint or an `ssh_key` in a home, for ssh), `DevicePolicy=closed` with only `/dev/zfs`, `NoNewPrivileges=yes`, as root only `CAP_SYS_ADMIN` (what OpenZFS checks without delegation) and as a non-root `user` no capability, IPv4/IPv6 only for a remote endpoint, `SystemCallFilter=@system-service`, `MemoryDenyWriteExecute=yes`, `UMask=0077` and the kernel, clock and hostname protections. The service has its own mount namespace on a read-only root, where `zfs receive` could not mount a received file system for the host: where the host's `zfs receive` takes `-u` (OpenZFS), a job with a local target receives unmounted (`u` is added to `--recvoptions`; state keeps your `recv_options`), as backup replicas usually are; mount one by hand when needed, or use `"off"`. ssh cannot add host keys to the read-only `known_hosts`: add the target's key beforehand. `"off"`: no sandbox (the service runs with every right of its user), for jobs that need root-style access; a string, not a bool, so that further levels can be added without a new attribute. See docs/design/units.md, "Hardening".
                """)
            {
                Optional = true,
                Computed = true,
                Default = TfValue.String(Hardening.Strict),
                Validators = [Hardening.ModeValidator],
            },
            new SchemaAttribute("schedule", TfType.String, "When the timer fires (systemd `OnCalendar=`), checked with `systemd-analyze calendar` on the host. Default `*:0/30` (every 30 minutes).")
            {
                Optional = true,
                Computed = true,
                Default = TfValue.String(SyncoidUnitFiles.DefaultSchedule),
                Validators = [UnitValue.Validator],
            },
            new SchemaAttribute("randomized_delay", TfType.String, "Random delay added to each run (`RandomizedDelaySec=`), e.g. `5m`. Default `0`.")
            {
                Optional = true,
                Computed = true,
                Default = TfValue.String("0"),
                Validators = [Validators.Matches(SyncoidValues.TimeSpan(), "A systemd time span such as `0`, `90s`, `5m` or `1h 30min`.")],
            },
            Flag("persistent", "Run a missed replication at boot (`Persistent=`). Default `true`.", true),
            new SchemaAttribute("max_age", TfType.String, "How long after the last successful replication the job counts as stale, e.g. `2h`, `36h`, `90m` or `1d`: the foundation's `homelab-monitor` then alerts. A time span (systemd.time(7) units `s`, `m`/`min`, `h`, `d`, `w`, terms may be combined as in `1d 12h`) from `1m` to `366d`, written into the service as `X-HomelabMaxAgeSec=<seconds>` (after a comment with the text as written, which import reads back). Spellings of the same span (`120m`, `2h`) are equal: state keeps the one you wrote and refresh never reports the other as drift. Default: no age bound (failures still alert).")
            {
                Optional = true,
                Validators = [MaxAge.Validator],
            },
            new SchemaAttribute("unit_name", TfType.String, "The service's unit name, `homelab-syncoid-<name>.service` (e.g. for `homelab_ntfy_alert` watches).") { Computed = true },
            new SchemaAttribute("service_content", TfType.String, "The service file as written (known at plan time; a hand edit on the host shows up as a change).") { Computed = true },
            new SchemaAttribute("timer_content", TfType.String, "The timer file as written.") { Computed = true },
        ],
    });

    private static SchemaAttribute Flag(string name, string doc, bool defaultValue = false) =>
        new(name, TfType.Bool, doc + $" Default `{(defaultValue ? "true" : "false")}`.")
        {
            Optional = true,
            Computed = true,
            Default = TfValue.Bool(defaultValue),
        };

    private static SchemaAttribute Endpoint(string name, string doc) =>
        new(name, TfType.String, doc)
        {
            Required = true,
            Validators = [Validators.Custom("`[user@host:]pool/dataset`.", (v, p, d) =>
            {
                if (SyncoidValues.CheckEndpoint(v.AsString()) is { } problem)
                {
                    d.AddError("Invalid dataset", problem, p);
                }
            })],
        };

    private static SchemaAttribute Option(string name, string doc, Regex pattern, string explanation) =>
        new(name, TfType.String, doc) { Optional = true, Validators = [Validators.Matches(pattern, explanation)] };

    private static IValueValidator Each(string what, Func<string, string?> check) => Validators.Custom(null, (v, p, d) =>
    {
        for (var i = 0; i < v.Elements.Length; i++)
        {
            if (!v.Elements[i].IsKnown)
            {
                continue;
            }
            var s = v.Elements[i].AsString();
            if ((SyncoidValues.CheckPlain(s, what) ?? check(s)) is { } problem)
            {
                d.AddError($"Invalid {what}", problem, p.Index(i));
            }
        }
    });

    /// <summary>Diagnostic path helper shared by the resource.</summary>
    public static AttrPath PathOf(string attribute) => AttrPath.Attribute(attribute);
}
