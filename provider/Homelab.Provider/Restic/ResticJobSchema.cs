using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Host;

using Homelab.Provider.Kit;
using Homelab.Provider.Units;

namespace Homelab.Provider.Restic;

/// <summary>The schema of <c>homelab_restic_job</c>; every attribute documents itself in Markdown.</summary>
internal static class ResticJobSchema
{
    public static ResourceSchema Schema { get; } = new(0, new Block
    {
        Description = """
            A [restic](https://restic.net) backup job on a homelab host: an encrypted repository (local path, `sftp:`, `rest:`, `s3:`, `b2:`, `rclone:`), a backup unit + timer, a forget/prune unit + timer (with `retention`) and a check unit + timer, each with `OnFailure=failure-notify@%n.service` and `OnSuccess=success-notify@%n.service` (alerts, success records and "recovered" messages of the NixOS foundation); with `max_age` the foundation's monitor also reports a backup that has not succeeded for too long.

            Apply writes the job's files under `<state>/restic/<name>/` (secrets mode 0600), initialises the repository when it does not exist (`initialize`), verifies that the password opens it, and installs the units. Secrets never appear on a command line, in logs or in state: restic reads them from files, which the units receive as systemd credentials (`LoadCredential=`, then `--password-file %d/password`, `--repository-file %d/repository`) or read through `EnvironmentFile=`, so they stay root's 0600 files whichever `user` the job runs as. The units are sandboxed by default (`hardening`).

            Destroy removes the job's files and units, never repository data.

            Import id: `[<remote>:]<name>`. Import reads the job's settings from its files on the host; write-only secrets cannot be read back, so the configuration must supply them again (`password_wo`, `environment_wo`). The plan stays empty while their `_version` attributes equal the imported ones; bump a version to write the secret again.
            """,
        Attributes =
        [
            new SchemaAttribute("name", TfType.String, "Job name: the units are `homelab-restic-<name>.service` (backup), `homelab-restic-<name>-forget.service` and `homelab-restic-<name>-check.service`, each with a `.timer`; the files live in `<state>/restic/<name>/`. Lowercase letters, digits, `_` and `-`; must not end in `-forget` or `-check`. Changing it replaces the job.")
            {
                Required = true,
                RequiresReplace = true,
                Validators = [ResticValidators.JobName],
            },
            RemoteAttribute.Definition("the job"),
            new SchemaAttribute("description", TfType.String, "Free text for the units' `Description=`: one line, without leading/trailing blanks or a trailing `\\` (systemd would read it as a line continuation); `%` is written as `%%`.") { Optional = true, Validators = [UnitValue.Validator] },
            new SchemaAttribute("repository", TfType.String, "The restic repository, as for `restic -r`: a local path, `sftp:user@host:/path`, `rest:https://host/`, `s3:https://s3.<region>.backblazeb2.com/<bucket>/<prefix>`, `b2:bucket:prefix`, `rclone:remote:path`. It is written to a 0600 file and passed with `--repository-file`. **Sensitive**: a `rest:` URL may carry a password (`rest:https://user:secret@host/`, the only way restic 0.14 authenticates to a rest-server), so plan output hides it and diagnostics show it with the password replaced by `***`; keep other backend credentials in `environment_wo` or `environment_file`.")
            {
                Required = true,
                Sensitive = true,
                Validators = [ResticValidators.RepositoryLocation],
            },
            new SchemaAttribute("password_wo", TfType.String, "The repository password, **write-only** (never stored in plan or state; needs Terraform/OpenTofu >= 1.11). Written to `<state>/restic/<name>/password` (mode 0600) and passed with `--password-file`. Set `password_wo_version` with it and bump the version to write a new value. Exactly one of `password_wo` and `password_file`.")
            {
                Optional = true,
                Sensitive = true,
                WriteOnly = true,
            },
            new SchemaAttribute("password_wo_version", TfType.Number, "Version of `password_wo`: required with it; changing it writes the password file again. Apply first proves that the new password opens the repository; when it does not but the job's current password does, the password is rotated in one apply: `restic key add` of the new password, then `restic key remove` of the old key (kept, with a warning, while another job on this host uses it). A refused change leaves the job's files on the host unchanged.")
            {
                Optional = true,
                Validators = [Validators.IntBetween(0, long.MaxValue)],
            },
            new SchemaAttribute("password_file", TfType.String, "Absolute path of a file already on the host that holds the repository password (e.g. provisioned by `nixos-anywhere --extra-files` or sops-nix). The units receive it through `LoadCredential=` (systemd reads it as root), so it can stay mode 0600 owned by root even when the job runs as `user`. Exactly one of `password_wo` and `password_file`.")
            {
                Optional = true,
                Validators = [ResticValidators.AbsolutePath, UnitValue.Validator],
            },
            new SchemaAttribute("environment_wo", TfType.Map(TfType.String), "Backend credentials as environment variables, **write-only** (e.g. `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY` for B2's S3 API, `B2_ACCOUNT_ID`/`B2_ACCOUNT_KEY`, `RESTIC_REST_USERNAME`/`RESTIC_REST_PASSWORD`). Written to `<state>/restic/<name>/environment` (mode 0600), read by the units through `EnvironmentFile=`, every value double-quoted so it reads back exactly (line breaks, quotes, `$`, `\\` included; NUL is refused). Set `environment_wo_version` with it. Conflicts with `environment_file`.")
            {
                Optional = true,
                Sensitive = true,
                WriteOnly = true,
                Validators = [EnvironmentFile.Validator],
            },
            new SchemaAttribute("environment_wo_version", TfType.Number, "Version of `environment_wo`: required with it; changing it writes the environment file again.")
            {
                Optional = true,
                Validators = [Validators.IntBetween(0, long.MaxValue)],
            },
            new SchemaAttribute("environment_file", TfType.String, "Absolute path of an environment file already on the host with the backend credentials (`KEY=value` lines in systemd's `EnvironmentFile=` syntax; the provider reads it with the same grammar and never runs it as shell code). Conflicts with `environment_wo`.")
            {
                Optional = true,
                Validators = [ResticValidators.AbsolutePath, UnitValue.Validator],
            },
            new SchemaAttribute("paths", TfType.List(TfType.String), "Absolute paths to back up. Written one per line to `<state>/restic/<name>/paths` and read with `--files-from-verbatim`, so spaces and shell metacharacters need no quoting (line breaks are refused).")
            {
                Required = true,
                Validators = [ResticValidators.NonEmptyList, ResticValidators.EachAbsolutePath],
            },
            new SchemaAttribute("exclude", TfType.List(TfType.String), "Exclude patterns (restic `--exclude` syntax), written to `<state>/restic/<name>/excludes` and passed with `--exclude-file`.")
            {
                Optional = true,
                Validators = [ResticValidators.EachSingleLine],
            },
            new SchemaAttribute("exclude_if_present", TfType.List(TfType.String), "File names (`filename[:header]`) whose presence excludes a directory (`--exclude-if-present`).")
            {
                Optional = true,
                Validators = [ResticValidators.EachSingleLine],
            },
            new SchemaAttribute("exclude_caches", TfType.Bool, "Skip directories tagged with `CACHEDIR.TAG` (`--exclude-caches`). Default `false`.")
            {
                Optional = true,
                Computed = true,
                Default = TfValue.False,
            },
            new SchemaAttribute("one_file_system", TfType.Bool, "Do not cross file-system boundaries (`--one-file-system`). Default `false`.")
            {
                Optional = true,
                Computed = true,
                Default = TfValue.False,
            },
            new SchemaAttribute("tags", TfType.List(TfType.String), "Extra tags for every snapshot (`--tag`). Every snapshot also carries `homelab-job=<name>`, the job's identity: forget/prune only considers snapshots with that tag and the job's `host`, so jobs sharing a repository (on this or other machines) never prune each other. Tags must not start with `homelab-job=`.")
            {
                Optional = true,
                Validators = [ResticValidators.EachTag],
            },
            new SchemaAttribute("host", TfType.String, "Host name recorded in the snapshots (`--host`); forget/prune only considers snapshots of this host. Default: the machine's hostname when the unit runs (systemd's `%H`).")
            {
                Optional = true,
                Validators = [ResticValidators.HostName],
            },
            new SchemaAttribute("schedule", TfType.String, "When the backup runs: a systemd calendar expression (`OnCalendar=`, see systemd.time(7)), checked with the host's `systemd-analyze calendar` at plan time. Default `daily`.")
            {
                Optional = true,
                Computed = true,
                Default = TfValue.String("daily"),
            },
            new SchemaAttribute("randomized_delay", TfType.String, "A systemd time span (`RandomizedDelaySec=`, e.g. `30min`) added at random to each timer's start, so jobs do not all start at once. Default `0`.")
            {
                Optional = true,
                Computed = true,
                Default = TfValue.String("0"),
                Validators = [ResticValidators.TimeSpan],
            },
            new SchemaAttribute("persistent", TfType.Bool, "Catch up on a run missed while the host was off (`Persistent=`). Default `true`.")
            {
                Optional = true,
                Computed = true,
                Default = TfValue.True,
            },
            new SchemaAttribute("max_age", TfType.String, "How long after the last successful backup the job counts as stale, e.g. `36h`, `2h`, `90m` or `1d`: the foundation's `homelab-monitor` then alerts. A time span (systemd.time(7) units `s`, `m`/`min`, `h`, `d`, `w`, terms may be combined as in `1d 12h`) from `1m` to `366d`, written into the backup service as `X-HomelabMaxAgeSec=<seconds>` after a comment with the text as written (forget and check carry none). State and import keep the text you wrote. Default: no age bound (failures still alert).")
            {
                Optional = true,
                Validators = [MaxAge.Validator],
            },
            new SchemaAttribute("retention", new NestedAttributes(NestingMode.Single, RetentionAttributes()), "Retention policy, applied by `homelab-restic-<name>-forget.service` (`restic forget --tag homelab-job=<name> --host <host> --group-by host`, then `--prune` unless `prune = false`: exactly this job's snapshots, as one series). Without it no forget unit is written and snapshots are kept forever. At least one `keep_*` is required.")
            {
                Optional = true,
            },
            new SchemaAttribute("check", new NestedAttributes(NestingMode.Single,
            [
                new SchemaAttribute("schedule", TfType.String, "When `restic check` runs (systemd calendar expression). Default `weekly`.") { Optional = true },
                new SchemaAttribute("read_data_subset", TfType.String, "Also read and verify this part of the pack files (`--read-data-subset`): `n/t`, `x%` or a size such as `500M`. Default: structure check only.")
                {
                    Optional = true,
                    Validators = [ResticValidators.ReadDataSubset],
                },
            ]), "Repository check: `homelab-restic-<name>-check.service` + timer. Always installed; this block only tunes it (default: weekly, structure only).")
            {
                Optional = true,
            },
            new SchemaAttribute("initialize", TfType.Bool, "Run `restic init` when the repository does not exist. With `false`, a missing repository is an error. Default `true`.")
            {
                Optional = true,
                Computed = true,
                Default = TfValue.True,
            },
            new SchemaAttribute("options", TfType.Map(TfType.String), "Extended restic options passed as `-o key=value` to every restic command, e.g. `{ \"sftp.command\" = \"ssh -i /root/.ssh/backup -p 2222 backup@nas -s sftp\" }` or `{ \"s3.region\" = \"eu-central-003\" }`. Not for secrets: they appear on the command line.")
            {
                Optional = true,
                Validators = [ResticValidators.OptionsMap],
            },
            new SchemaAttribute("before", TfType.String, "Shell command run before each backup (`ExecStartPre=/bin/sh -c '<before>'`), e.g. a database dump. A non-zero exit fails the backup unit, so `OnFailure=` fires and no snapshot is taken. One line; call a script for more.")
            {
                Optional = true,
                Validators = [ResticValidators.SingleLine],
            },
            new SchemaAttribute("after", TfType.String, "Shell command run after each successful backup (`ExecStartPost=/bin/sh -c '<after>'`). A non-zero exit fails the unit. One line.")
            {
                Optional = true,
                Validators = [ResticValidators.SingleLine],
            },
            new SchemaAttribute("user", TfType.String, """
                Run the job's units as this existing user (`User=`, with its primary group) instead of root. The provider never creates users: plan checks with `getent passwd` on the host that it exists. The job's secrets stay mode 0600 owned by root: systemd hands the repository location, the password, `paths` and `exclude` to the units through `LoadCredential=` (a private copy only the unit's user can read) and reads the environment file itself. The user must be able to write a local repository (the provider initialises it as root: `chown -R <user> <repository>` once), and to read what it backs up, or set `read_all`. Default: root.
                """)
            {
                Optional = true,
                Validators = [Hardening.UserValidator],
            },
            new SchemaAttribute("read_all", TfType.Bool, "With a non-root `user`: the backup unit keeps `CAP_DAC_READ_SEARCH` (`AmbientCapabilities=`, and nothing else in its capability bounding set), so it reads every file and directory it backs up without any other root power, and without it a file the user cannot read fails the backup with restic's `permission denied`. Only for a non-root `user` (root reads everything). Default `false`.")
            {
                Optional = true,
                Computed = true,
                Default = TfValue.False,
            },
            new SchemaAttribute("hardening", TfType.String, """
                `"strict"` (default): each unit runs sandboxed: `ProtectSystem=strict` (the whole file system read-only except the job's local repository, its cache and its lock directory), `ProtectHome=yes` (`read-only` when `paths` or the repository lie in `/home`, `/root` or `/run/user`), `PrivateTmp=yes` (unless they lie in `/tmp` or `/var/tmp`), `PrivateDevices=yes`, `NoNewPrivileges=yes`, no capability except `CAP_DAC_READ_SEARCH` for a backup run by root or with `read_all`, IPv4/IPv6 only for a remote repository or a hook, `SystemCallFilter=@system-service`, `MemoryDenyWriteExecute=yes`, `UMask=0077` and the kernel, clock and hostname protections. `before`/`after` hooks run in the same sandbox: a hook may write into the job's runtime directory `/run/homelab-restic/<name>` (`$RUNTIME_DIRECTORY`, e.g. a database dump that `paths` then lists); a hook that writes elsewhere needs `"off"`. `"off"`: no sandbox (the units run with every right of their user), for jobs that need root-style access; a string, not a bool, so that further levels can be added without a new attribute. See docs/design/units.md, "Hardening".
                """)
            {
                Optional = true,
                Computed = true,
                Default = TfValue.String(Hardening.Strict),
                Validators = [Hardening.ModeValidator],
            },
            new SchemaAttribute("repository_id", TfType.String, "The repository's id (`restic cat config`). Refresh reports a changed id (the repository was replaced or `repository` points elsewhere) as drift.")
            {
                Computed = true,
                UseStateForUnknown = true,
            },
            new SchemaAttribute("unit_name", TfType.String, "The backup service, `homelab-restic-<name>.service` (start it to back up now; watch it with `homelab_ntfy_alert`).")
            {
                Computed = true,
                UseStateForUnknown = true,
            },
            new SchemaAttribute("in_sync", TfType.Bool, "`false` when refresh found the job's files or units changed or missing on the host, or the repository id changed; the next apply rewrites them and sets it back to `true`.")
            {
                Computed = true,
            },
        ],
    });

    private static IReadOnlyList<SchemaAttribute> RetentionAttributes() =>
    [
        new SchemaAttribute("keep_last", TfType.Number, "Keep the last n snapshots.") { Optional = true, Validators = [Validators.IntBetween(1, 1_000_000)] },
        new SchemaAttribute("keep_hourly", TfType.Number, "Keep the last n hourly snapshots.") { Optional = true, Validators = [Validators.IntBetween(1, 1_000_000)] },
        new SchemaAttribute("keep_daily", TfType.Number, "Keep the last n daily snapshots.") { Optional = true, Validators = [Validators.IntBetween(1, 1_000_000)] },
        new SchemaAttribute("keep_weekly", TfType.Number, "Keep the last n weekly snapshots.") { Optional = true, Validators = [Validators.IntBetween(1, 1_000_000)] },
        new SchemaAttribute("keep_monthly", TfType.Number, "Keep the last n monthly snapshots.") { Optional = true, Validators = [Validators.IntBetween(1, 1_000_000)] },
        new SchemaAttribute("keep_yearly", TfType.Number, "Keep the last n yearly snapshots.") { Optional = true, Validators = [Validators.IntBetween(1, 1_000_000)] },
        new SchemaAttribute("keep_within", TfType.String, "Keep every snapshot newer than this duration relative to the latest one, e.g. `1y6m`, `14d`, `36h`.") { Optional = true, Validators = [ResticValidators.Duration] },
        new SchemaAttribute("prune", TfType.Bool, "Remove unreferenced data after forgetting (`--prune`). Default `true`.") { Optional = true },
        new SchemaAttribute("schedule", TfType.String, "When forget/prune runs (systemd calendar expression). Default `daily`. It waits for a running backup or check of the same job (they share a lock).") { Optional = true },
    ];
}
