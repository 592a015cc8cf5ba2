using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Host;

using Homelab.Provider.Kit;

namespace Homelab.Provider.Zfs;

/// <summary>The schema of <c>homelab_zfs_dataset</c>; validators reject hostile input before any command runs.</summary>
internal static class ZfsDatasetSchema
{
    public static ResourceSchema Schema { get; } = new(0, new Block
    {
        Description = """
            A ZFS filesystem or volume with native and user properties.

            Only the properties you set are tracked; removing one returns it to its inherited or default value (`zfs inherit`). Sizes may be written as `1G` or `1073741824`: values are compared in parsed form, so they never flap. Renaming within a pool is an in-place `zfs rename`; a move to another pool, a `type` change or a change of a creation-only property (`encryption`, `keyformat`, `pbkdf2iters`, `casesensitivity`, `normalization`, `utf8only`, `volblocksize`) replaces the dataset.

            Nothing is destroyed silently: a plan that replaces the dataset or shrinks a volume (`volsize` smaller) is refused, naming what would be lost, unless `force_destroy = true` was applied before (it must be in state and configuration). Destroy is a plain `zfs destroy`: it refuses while the dataset has children or snapshots unless `force_destroy = true`. Datasets Incus owns (`homelab:owner=incus` on them or an ancestor, or listed in the remote's `incus_datasets`) are never created, moved or destroyed, and a dataset containing one is never destroyed.

            Import id: `[<remote>:]<dataset name>`, e.g. `tank/media` or `atlas:tank/media` (the prefix is taken as a remote only when such a remote is configured). Import tracks every locally set property.
            """,
        Attributes =
        [
            new SchemaAttribute("name", TfType.String, "Full dataset name, e.g. `tank/data/media` (ASCII letters, digits, `_ - . :`, components separated by `/`, at most 255 bytes). Changing it within the pool renames the dataset in place; changing the pool replaces it.")
            {
                Required = true,
                Validators = [Validators.Custom("A full dataset name `pool/child[/…]`.", (v, p, d) =>
                {
                    if (DatasetName.Check(v.AsString()) is { } problem)
                    {
                        d.AddError("Invalid dataset name", problem, p);
                    }
                })],
            },
            RemoteAttribute.Definition("the dataset"),
            new SchemaAttribute("type", TfType.String, "`filesystem` (default) or `volume` (a block device; needs `volsize`). Changing it replaces the dataset.")
            {
                Optional = true,
                Computed = true,
                Default = TfValue.String("filesystem"),
                RequiresReplace = true,
                Validators = [Validators.OneOf("filesystem", "volume")],
            },
            new SchemaAttribute("volsize", TfType.String, "Size of a volume, e.g. `10G` or `10737418240`. Required for volumes, not allowed for filesystems. Grows in place; shrinking truncates the volume and needs `force_destroy = true`.")
            {
                Optional = true,
                Validators = [Validators.Custom("A size such as `10G`.", (v, p, d) =>
                {
                    if (!ZfsProperties.TryParseSize(v.AsString(), out var bytes) || bytes <= 0)
                    {
                        d.AddError("Invalid volume size", $"\"{Validators.Printable(v.AsString())}\" is not a positive size. Use bytes or a suffix: `512M`, `10G`, `1.5T`.", p);
                    }
                })],
            },
            new SchemaAttribute("sparse", TfType.Bool, "Volumes only: create without a reservation (`zfs create -s`). Default `false`. Changing it replaces the volume (needs `force_destroy = true`).")
            {
                Optional = true,
                Computed = true,
                Default = TfValue.False,
                RequiresReplace = true,
            },
            new SchemaAttribute("properties", TfType.Map(TfType.String), "Native and user properties to set, e.g. `{ compression = \"on\", quota = \"10G\", \"com.example:backup\" = \"daily\" }`. Only these keys are tracked; removing a key resets it (`zfs inherit`, or `none` for quotas and reservations). Creation-only keys force replacement when changed.")
            {
                Optional = true,
                Validators = [Validators.Custom("Keys are ZFS property names; values are single-line text.", (v, p, d) =>
                {
                    foreach (var (key, value) in v.Entries)
                    {
                        if (ZfsProperties.CheckKey(key) is { } keyProblem)
                        {
                            d.AddError("Invalid property name", keyProblem, p.Key(key));
                        }
                        else if (value.IsKnown && ZfsProperties.CheckValue(value.AsString()) is { } valueProblem)
                        {
                            d.AddError("Invalid property value", valueProblem, p.Key(key));
                        }
                    }
                })],
            },
            new SchemaAttribute("description", TfType.String, "Free text stored on the dataset as the user property `homelab:description` (visible in `zfs get`).")
            {
                Optional = true,
                Validators = [Validators.Custom("Single-line text.", (v, p, d) =>
                {
                    if (ZfsProperties.CheckValue(v.AsString()) is { } problem)
                    {
                        d.AddError("Invalid description", problem, p);
                    }
                })],
            },
            new SchemaAttribute("force_destroy", TfType.Bool, "Allow changes that destroy data: destroy removes children and snapshots too (`zfs destroy -r`), and a plan may replace the dataset (pool move, `type`, `sparse`, `remote`, a creation-only property) or shrink a volume. Takes effect once applied (a replacement's destroy acts on the recorded state): set it, apply, then make the change. Default `false`: such plans and destroys are refused, saying what would be lost. Never allows destroying what Incus owns.")
            {
                Optional = true,
                Computed = true,
                Default = TfValue.False,
            },
            new SchemaAttribute("guid", TfType.String, "The dataset's ZFS GUID: stable across renames, new when the dataset is recreated.")
            {
                Computed = true,
                UseStateForUnknown = true,
            },
            new SchemaAttribute("creation", TfType.String, "When the dataset was created (RFC 3339, UTC).")
            {
                Computed = true,
                UseStateForUnknown = true,
            },
        ],
    });
}
