using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Kit;

namespace Homelab.Provider.Restic;

/// <summary>The schema of the <c>homelab_restic_snapshots</c> data source.</summary>
internal static class ResticSnapshotsSchema
{
    public static ResourceSchema Schema { get; } = new(0, new Block
    {
        Description = """
            The snapshots a `homelab_restic_job` took, read from its repository on the host — how many, the newest and oldest, and the size of the newest — for `check {}` blocks and outputs that alert when backups stop.

            Only the job's own snapshots count: those with its identity tag `homelab-job=<job>` taken on its host (the job's `host`, or the machine's host name), exactly the ones its forget unit manages. Snapshots of other jobs in the same repository, of the same job name on other machines, and snapshots taken by hand are not counted.

            restic runs on the host with the job's own files (`--repository-file`, `--password-file`, its environment file read by the provider and passed on stdin), so no password or credential is on a command line or in state. Without a cache (`--no-cache`), one `restic snapshots --json` call, plus one `restic stats --json --mode restore-size` of the newest snapshot for `newest_size` (restic before 0.17 lists no sizes) unless `read_size = false`. Times are RFC 3339 in UTC (e.g. `2026-12-03T03:15:00Z`), so `timecmp`, `timeadd` and `plantimestamp()` work on them.
            """,
        Attributes =
        [
            new SchemaAttribute("job", TfType.String, "Name of the `homelab_restic_job` on the remote (its `name`), e.g. `offsite`. A job that does not exist on the remote is an error.")
            {
                Required = true,
                Validators = [ResticValidators.JobName],
            },
            RemoteAttribute.DataSourceDefinition("the job's snapshots"),
            new SchemaAttribute("read_size", TfType.Bool, "Whether to read `newest_size`, with a second restic call that walks the newest snapshot's file tree (for a large snapshot in a remote repository this downloads its tree data on every read). Default: `true`.")
            {
                Optional = true,
            },
            new SchemaAttribute("host", TfType.String, "The host name the snapshots were selected by: the job's `host`, or the machine's host name (`uname -n`, what systemd's `%H` gives the backup unit) when the job sets none.")
            {
                Computed = true,
            },
            new SchemaAttribute("snapshot_count", TfType.Number, "Number of the job's snapshots in the repository (after its retention removed old ones). Named `snapshot_count` because Terraform refuses references to an attribute called `count`.")
            {
                Computed = true,
            },
            new SchemaAttribute("newest_time", TfType.String, "When the newest snapshot was taken, RFC 3339 UTC (e.g. `2026-12-03T03:15:00Z`); null when there is none. Compare with `timecmp(…, timeadd(plantimestamp(), \"-26h\")) > 0`.")
            {
                Computed = true,
            },
            new SchemaAttribute("newest_id", TfType.String, "Short id (8 hex digits, as `restic snapshots` shows it) of the newest snapshot, e.g. for `restic restore <id>`; null when there is none.")
            {
                Computed = true,
            },
            new SchemaAttribute("oldest_time", TfType.String, "When the oldest of the job's snapshots was taken, RFC 3339 UTC; null when there is none.")
            {
                Computed = true,
            },
            new SchemaAttribute("newest_size", TfType.Number, "Size in bytes of the files in the newest snapshot, what a restore of it writes (`restic stats --mode restore-size <id>`); null when there is no snapshot or `read_size = false`.")
            {
                Computed = true,
            },
        ],
    });
}
