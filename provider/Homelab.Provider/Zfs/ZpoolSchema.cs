using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Kit;

namespace Homelab.Provider.Zfs;

/// <summary>The schema of the <c>homelab_zpool</c> data source.</summary>
internal static class ZpoolSchema
{
    public static ResourceSchema Schema { get; } = new(0, new Block
    {
        Description = """
            Health and capacity of one ZFS pool: its state, sizes, every vdev with its error counters, the `errors:` line and the last scrub — for `check {}` blocks and outputs that alert when a disk fails or a scrub is overdue.

            Read with two commands: `zpool list -H -p` for the numbers and `zpool status -p` for vdevs and the scrub (both without `-p` where zpool lacks it, as zfs-fuse does: its sizes are then its rounded figures such as `123M`, and it reports no fragmentation, no scrub start time and no repaired bytes). Times are RFC 3339 in UTC (e.g. `2026-12-03T10:15:00Z`), so `timecmp`, `timeadd` and `plantimestamp()` work on them. A pool that does not exist is an error.
            """,
        Attributes =
        [
            new SchemaAttribute("name", TfType.String, "Name of the pool, e.g. `tank` or `rpool` (not a dataset inside it).")
            {
                Required = true,
                Validators = [Validators.Custom("ASCII letters, digits and `_ - . :`, starting with a letter; no `/`.", (v, p, d) =>
                {
                    var name = v.AsString();
                    if (DatasetName.Check(name, allowPool: true) is { } problem)
                    {
                        d.AddError("Invalid pool name", problem.Replace("dataset name", "pool name", StringComparison.Ordinal), p);
                    }
                    else if (name.Contains('/', StringComparison.Ordinal))
                    {
                        d.AddError("Invalid pool name", $"\"{name}\" is a dataset; use its pool, `{DatasetName.Pool(name)}`, here (or the `homelab_zfs_dataset` data source for the dataset).", p);
                    }
                })],
            },
            RemoteAttribute.DataSourceDefinition("the pool"),
            new SchemaAttribute("health", TfType.String, "The pool's state: `ONLINE`, `DEGRADED` (redundancy lost, data still served), `FAULTED`, `SUSPENDED`, `OFFLINE`, `REMOVED` or `UNAVAIL`. Alert on anything but `ONLINE`.")
            {
                Computed = true,
            },
            new SchemaAttribute("size", TfType.Number, "Size of the pool in bytes as `zpool list` reports it (SIZE): raidz space includes parity, a mirror counts one copy.")
            {
                Computed = true,
            },
            new SchemaAttribute("allocated", TfType.Number, "Bytes allocated in the pool, counted like `size`.")
            {
                Computed = true,
            },
            new SchemaAttribute("free", TfType.Number, "Bytes not allocated in the pool, counted like `size`.")
            {
                Computed = true,
            },
            new SchemaAttribute("capacity", TfType.Number, "Percentage of the pool allocated (0-100). ZFS slows down well before 100; alert at 80.")
            {
                Computed = true,
            },
            new SchemaAttribute("fragmentation", TfType.Number, "Free-space fragmentation in percent (0-100); null when the pool reports `-` (no spacemap histograms) or zpool has no such property (zfs-fuse).")
            {
                Computed = true,
            },
            new SchemaAttribute("vdevs", new NestedAttributes(NestingMode.List,
            [
                new SchemaAttribute("name", TfType.String, "The vdev as `zpool status` names it: `mirror-0`, `raidz2-1`, a device such as `sda` or `ata-WDC_…`, a file path, or a GUID when the device is missing.") { Computed = true },
                new SchemaAttribute("parent", TfType.String, "Name of the vdev this one belongs to (e.g. `mirror-0` for a disk in a mirror); null for a top-level vdev.") { Computed = true },
                new SchemaAttribute("class", TfType.String, "Where the vdev serves: `data`, `log`, `special`, `dedup`, `cache` or `spare`.") { Computed = true },
                new SchemaAttribute("type", TfType.String, "`mirror`, `raidz1`, `raidz2`, `raidz3`, `draid1`…, `replacing`, `spare` or `indirect` for a group; `disk` or `file` (an absolute path outside `/dev`) for a device.") { Computed = true },
                new SchemaAttribute("state", TfType.String, "`ONLINE`, `DEGRADED`, `FAULTED`, `OFFLINE`, `UNAVAIL` or `REMOVED`; hot spares are `AVAIL` or `INUSE`.") { Computed = true },
                new SchemaAttribute("read_errors", TfType.Number, "Read errors since the counters were last cleared (`zpool clear`). Exact on OpenZFS; zpool without `-p` rounds counts of 1000 and more. Null for spares.") { Computed = true },
                new SchemaAttribute("write_errors", TfType.Number, "Write errors since the counters were last cleared; as `read_errors`.") { Computed = true },
                new SchemaAttribute("checksum_errors", TfType.Number, "Checksum errors since the counters were last cleared; as `read_errors`.") { Computed = true },
                new SchemaAttribute("note", TfType.String, "What `zpool status` prints after the counters, e.g. `(resilvering)`, `was /dev/sdb1` or `too many errors`; null when nothing.") { Computed = true },
            ]), "Every vdev of the pool, in `zpool status` order: groups (mirrors, raidz) and their devices, then log, cache and spare devices. Devices in a group carry the group's name in `parent`. Check them all with `alltrue([for v in data.homelab_zpool.tank.vdevs : v.state == \"ONLINE\"])` (hot spares read `AVAIL`).")
            {
                Computed = true,
            },
            new SchemaAttribute("errors", TfType.String, "The `errors:` line of `zpool status`: `No known data errors` when the pool knows of no damaged data, else e.g. `3 data errors, use '-v' for a list`.")
            {
                Computed = true,
            },
            new SchemaAttribute("scrub", new NestedAttributes(NestingMode.Single,
            [
                new SchemaAttribute("state", TfType.String, "`none` (never scrubbed, or the last scan was a resilver: ZFS keeps only the last scan), `scanning`, `paused`, `finished` or `canceled`.") { Computed = true },
                new SchemaAttribute("start_time", TfType.String, "When the running or paused scrub started, RFC 3339 UTC; null otherwise and on zfs-fuse.") { Computed = true },
                new SchemaAttribute("end_time", TfType.String, "When the last scrub finished or was canceled, RFC 3339 UTC; null when none has ended (never scrubbed, or one is running). Compare with `timecmp(…, timeadd(plantimestamp(), \"-840h\"))` to alert when the last scrub is older than 5 weeks.") { Computed = true },
                new SchemaAttribute("repaired", TfType.Number, "Bytes the scrub repaired, from `zpool status`'s rounded figure (e.g. `1.50M`); null when unknown (canceled, or zfs-fuse).") { Computed = true },
                new SchemaAttribute("errors", TfType.Number, "Errors the scrub reported (`with N errors`); null while it runs, after a cancel on OpenZFS, and when there was none.") { Computed = true },
            ]), "The last scrub.")
            {
                Computed = true,
            },
        ],
    });
}
