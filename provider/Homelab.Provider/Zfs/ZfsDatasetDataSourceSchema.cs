using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Kit;

namespace Homelab.Provider.Zfs;

/// <summary>The schema of the <c>homelab_zfs_dataset</c> data source.</summary>
internal static class ZfsDatasetDataSourceSchema
{
    public static ResourceSchema Schema { get; } = new(0, new Block
    {
        Description = """
            An existing ZFS filesystem or volume, read back without managing it: its type, where it is mounted, its space figures and every property with where its value comes from — for datasets the foundation (disko) created that the configuration only references, and for `check {}` blocks on free space or quotas.

            Read with one `zfs get -H -p all` (zfs-fuse, which leaves `guid` out of `all`, needs a second call for it). Sizes are bytes; times are RFC 3339 in UTC (e.g. `2026-12-03T10:15:00Z`). A dataset that does not exist is an error. To manage a dataset, use the `homelab_zfs_dataset` resource (or `import` it).
            """,
        Attributes =
        [
            new SchemaAttribute("name", TfType.String, "Full name of the dataset, e.g. `rpool/persistent` (a pool's root dataset, e.g. `tank`, works too). Snapshots are not datasets here.")
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
            RemoteAttribute.DataSourceDefinition("the dataset"),
            new SchemaAttribute("type", TfType.String, "`filesystem` or `volume`.")
            {
                Computed = true,
            },
            new SchemaAttribute("mountpoint", TfType.String, "The effective `mountpoint` property: a path, `none` or `legacy` (mounted by fstab/systemd, not ZFS); null for a volume.")
            {
                Computed = true,
            },
            new SchemaAttribute("mounted", TfType.Bool, "Whether the filesystem is mounted now; null for a volume.")
            {
                Computed = true,
            },
            new SchemaAttribute("used", TfType.Number, "Bytes the dataset and everything in it use: its data, its snapshots, its children and their reservations (`used`).")
            {
                Computed = true,
            },
            new SchemaAttribute("available", TfType.Number, "Bytes still available to the dataset and its children (`available`: limited by the pool's free space, quotas and others' reservations).")
            {
                Computed = true,
            },
            new SchemaAttribute("referenced", TfType.Number, "Bytes of data the dataset itself references (`referenced`), possibly shared with its snapshots.")
            {
                Computed = true,
            },
            new SchemaAttribute("guid", TfType.String, "The dataset's ZFS GUID: stable across renames, new when the dataset is recreated.")
            {
                Computed = true,
            },
            new SchemaAttribute("creation", TfType.String, "When the dataset was created, RFC 3339 UTC.")
            {
                Computed = true,
            },
            new SchemaAttribute("properties", new NestedAttributes(NestingMode.Map,
            [
                new SchemaAttribute("value", TfType.String, "The value as `zfs get -p` prints it: sizes in bytes (`quota = \"10737418240\"`, `0` for none), times in seconds since 1970, `-` where a property does not apply.") { Computed = true },
                new SchemaAttribute("source", TfType.String, "Where the value comes from: `local` (set on this dataset), `default`, `inherited from <dataset>`, `received`, `temporary`, or `-` for read-only statistics.") { Computed = true },
            ]), "Every property `zfs get all` reports (native ones and the user properties set on the dataset or inherited), keyed by name: `properties[\"compression\"].value`, `properties[\"com.example:backup\"].source`.")
            {
                Computed = true,
            },
        ],
    });
}
