using System.Text.RegularExpressions;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Kit;

namespace Homelab.Provider.Units;

/// <summary>The schema of the <c>homelab_unit</c> data source.</summary>
internal static partial class UnitDataSourceSchema
{
    /// <summary>What a unit name may be (also the file name under <c>&lt;state&gt;/status/</c>, so at most 247 characters: with <c>.success</c> one path segment).</summary>
    public const string NameRule =
        "A full unit name ending in `.service` or `.timer`, e.g. `homelab-restic-offsite.service` or `zfs-scrub@tank.timer`: ASCII letters, digits, `_`, `.`, `:` and `-`, optionally one `@` followed by a non-empty instance, not starting with `.` or `-`, at most 247 characters. Names with systemd's `\\x2d` escapes are not supported.";

    public static ResourceSchema Schema { get; } = new(0, new Block
    {
        Description = """
            The state of one systemd service or timer on a host, and when it last succeeded — for `check {}` blocks and outputs that alert when a backup or replication job stops running.

            Where systemd runs (`/run/systemd/system` exists), the systemd attributes come from one `systemctl show` of the unit. `last_success` comes from `<state>/status/<unit>.success`, which the foundation's `success-notify@.service` writes each time a unit with `OnSuccess=success-notify@%n.service` (every unit the provider writes) succeeds; for a timer it is the file of the service the timer starts.

            Where systemd is not running (containers, CI), `systemd_running` is `false`, every systemd attribute is null, a warning says so, and `last_success` is still read. Times are RFC 3339 in UTC (e.g. `2026-12-03T12:00:00Z`), so `timecmp`, `timeadd` and `plantimestamp()` work on them.
            """,
        Attributes =
        [
            new SchemaAttribute("name", TfType.String, "The unit to read, e.g. `homelab-syncoid-replica.service` (the `unit_name` of a `homelab_syncoid_job` or `homelab_restic_job`) or `homelab-restic-offsite.timer`.")
            {
                Required = true,
                Validators = [Validators.Matches(NameRegex(), NameRule)],
            },
            RemoteAttribute.DataSourceDefinition("the unit"),
            new SchemaAttribute("systemd_running", TfType.Bool, "Whether systemd runs on the host (the `sd_booted()` test: `/run/systemd/system` exists). When `false`, every systemd attribute below is null and only `last_success` is known.")
            {
                Computed = true,
            },
            new SchemaAttribute("load_state", TfType.String, "systemd's `LoadState`: `loaded`, `not-found` (no such unit), `masked`, `error`, …; null without systemd.")
            {
                Computed = true,
            },
            new SchemaAttribute("active_state", TfType.String, "systemd's `ActiveState`: `active`, `inactive`, `failed`, `activating`, …; null without systemd. A oneshot service that last succeeded is `inactive`; one that last failed is `failed`.")
            {
                Computed = true,
            },
            new SchemaAttribute("sub_state", TfType.String, "systemd's `SubState`, e.g. `dead`, `running`, `exited`, `failed` for a service, `waiting`, `running`, `elapsed` for a timer; null without systemd.")
            {
                Computed = true,
            },
            new SchemaAttribute("result", TfType.String, "systemd's `Result` of the last run: `success`, `exit-code`, `signal`, `timeout`, `core-dump`, …; null without systemd.")
            {
                Computed = true,
            },
            new SchemaAttribute("exit_status", TfType.Number, "Services: the exit status of the main process of the last run (`ExecMainStatus`); null while it has never exited, for timers, and without systemd.")
            {
                Computed = true,
            },
            new SchemaAttribute("last_trigger", TfType.String, "Timers: when the timer last started its service (`LastTriggerUSec`), RFC 3339 UTC; null when it never did, for services, and without systemd.")
            {
                Computed = true,
            },
            new SchemaAttribute("next_elapse", TfType.String, "Timers: when the timer starts its service next (`NextElapseUSecRealtime`, calendar timers), RFC 3339 UTC; null when nothing is scheduled, for services, and without systemd.")
            {
                Computed = true,
            },
            new SchemaAttribute("active_enter_time", TfType.String, "When the unit last became active (`ActiveEnterTimestamp`), RFC 3339 UTC; null when never, and without systemd.")
            {
                Computed = true,
            },
            new SchemaAttribute("inactive_enter_time", TfType.String, "When the unit last became inactive (`InactiveEnterTimestamp`), RFC 3339 UTC; null when never, and without systemd.")
            {
                Computed = true,
            },
            new SchemaAttribute("last_success", TfType.String, "When the unit last finished successfully, RFC 3339 UTC, from `<state>/status/<unit>.success` (written by the foundation's `success-notify@.service`); for a timer, the file of the service it starts (its `Unit=`, or the service of the same name when systemd is not running). Null when the file does not exist: the unit never succeeded since the state dir was created. Known with or without systemd. Compare with `timecmp(…, timeadd(plantimestamp(), \"-26h\")) > 0`.")
            {
                Computed = true,
            },
        ],
    });

    // prefix[@instance].(service|timer), at most 247 characters in all.
    [GeneratedRegex(@"\A(?=[^\n]{1,247}\z)[A-Za-z0-9_:][A-Za-z0-9_.:-]*(?:@[A-Za-z0-9_.:-]+)?\.(?:service|timer)\z", RegexOptions.CultureInvariant)]
    internal static partial Regex NameRegex();
}
