using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Host;
using Homelab.Provider.Kit;

namespace Homelab.Provider.Zfs;

/// <summary>The schema of the <c>homelab_snapshots</c> data source.</summary>
internal static class SnapshotsSchema
{
    public static ResourceSchema Schema { get; } = new(0, new Block
    {
        Description = """
            The snapshots of one dataset (never its children's): how many, the newest and oldest, and the newest per sanoid period — for `check {}` blocks and outputs that alert when snapshots or replicas go stale.

            Times are RFC 3339 in UTC (e.g. `2026-12-03T10:15:00Z`), so `timecmp`, `timeadd` and `plantimestamp()` work on them. ZFS records creation times to the second; snapshots taken in the same second are ordered by the transaction group that created them (`createtxg`), then by name. Read with one `zfs get` of depth 1.
            """,
        Attributes =
        [
            new SchemaAttribute("dataset", TfType.String, "Full name of the dataset whose snapshots are read, e.g. `backup/replica/persistent` (a pool's root dataset, e.g. `tank`, works too). Snapshots of its child datasets are not included. A dataset that does not exist is an error.")
            {
                Required = true,
                Validators = [Validators.Custom("A full dataset name `pool[/child…]`.", (v, p, d) =>
                {
                    if (DatasetName.Check(v.AsString(), allowPool: true) is { } problem)
                    {
                        d.AddError("Invalid dataset name", problem, p);
                    }
                })],
            },
            RemoteAttribute.DataSourceDefinition("the snapshots"),
            new SchemaAttribute("name_prefix", TfType.String, "Only count snapshots whose name (the part after `@`) starts with this text, e.g. `autosnap_` for sanoid's or `syncoid_` for syncoid's. Default: every snapshot.")
            {
                Optional = true,
                Validators = [Validators.SingleLine],
            },
            new SchemaAttribute("snapshot_count", TfType.Number, "Number of snapshots of the dataset (after `name_prefix`). Named `snapshot_count` because Terraform refuses references to an attribute called `count`.")
            {
                Computed = true,
            },
            new SchemaAttribute("newest_name", TfType.String, "Name (the part after `@`) of the newest snapshot; null when there is none.")
            {
                Computed = true,
            },
            new SchemaAttribute("newest_time", TfType.String, "Creation time of the newest snapshot, RFC 3339 UTC (e.g. `2026-12-03T10:15:00Z`); null when there is none. Compare with `timecmp(…, timeadd(plantimestamp(), \"-2h\")) > 0`.")
            {
                Computed = true,
            },
            new SchemaAttribute("oldest_time", TfType.String, "Creation time of the oldest snapshot, RFC 3339 UTC; null when there is none.")
            {
                Computed = true,
            },
            new SchemaAttribute("newest_by_period", TfType.Map(TfType.String), "Creation time (RFC 3339 UTC) of the newest sanoid snapshot per period, keyed by `frequently`, `hourly`, `daily`, `weekly`, `monthly` or `yearly`; only periods that have a snapshot are present. Sanoid names snapshots `autosnap_<YYYY-MM-DD>_<HH:MM:SS>_<period>`; other names are not counted here.")
            {
                Computed = true,
            },
        ],
    });
}
