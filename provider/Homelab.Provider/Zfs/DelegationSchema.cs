using System.Text.RegularExpressions;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Kit;

namespace Homelab.Provider.Zfs;

/// <summary>The schema of <c>homelab_zfs_delegation</c>; every string reaching <c>zfs allow</c> is checked whole here.</summary>
internal static partial class DelegationSchema
{
    /// <summary>User and group names: what useradd/groupadd accept by default, no leading <c>-</c>.</summary>
    [GeneratedRegex(@"\A[a-z_][a-z0-9_.-]{0,31}\z", RegexOptions.CultureInvariant)]
    public static partial Regex PrincipalName();

    /// <summary>Permission names as OpenZFS spells them (<c>snapshot</c>, <c>send:raw</c>, <c>userquota</c>, property names).</summary>
    [GeneratedRegex(@"\A[a-z][a-z0-9_:.-]{0,63}\z", RegexOptions.CultureInvariant)]
    public static partial Regex PermissionName();

    public static ResourceSchema Schema { get; } = new(0, new Block
    {
        Description = """
            Delegated ZFS permissions (`zfs allow`): lets a user, a group or everyone run the named `zfs` subcommands and set the named properties on a dataset without root, e.g. a backup user that may only `send` and `hold`, or a replication target user that may `receive`, `create` and `mount`.

            **Never removes permissions it did not grant.** Before granting, the who's current permissions on the dataset are read (`zfs allow <dataset>`); requested permissions it already held are recorded in `preexisting_local` / `preexisting_descendants`, and update and destroy `zfs unallow` only the others. Permission sets (`@name`), create-time permissions, other users' grants and grants inherited from ancestors are left alone. Refresh shows the requested permissions actually held, so one removed out of band shows up as a change; extra permissions granted by others never do.

            Permission names are checked at plan against the table of the host's `zfs allow -h` (read once per provider process). The dataset must exist at apply time and may not be owned by Incus (`homelab:owner=incus` or the remote's `incus_datasets`); with `descendants = true` it may not contain an Incus-owned dataset either. A zfs without delegation (zfs-fuse) is reported at plan.

            Import id: `[<remote>:]<dataset>:<who>[:local|:descendants]`, where `<who>` is `user:<name>`, `group:<name>` or `everyone`, e.g. `tank/backup:user:syncoid` or `atlas:tank/backup:group:backup:local`. An import takes the who's current permissions in that scope as `permissions`, all of them pre-existing: destroying an imported delegation unallows nothing until it grants something new.
            """,
        Attributes =
        [
            new SchemaAttribute("dataset", TfType.String, "The dataset the permissions apply to, e.g. `tank/backup`. It must exist at apply time. Changing it replaces the delegation.")
            {
                Required = true,
                RequiresReplace = true,
                Validators = [Validators.Custom("A full dataset name `pool/child[/…]`.", (v, p, d) =>
                {
                    if (DatasetName.Check(v.AsString()) is { } problem)
                    {
                        d.AddError("Invalid dataset name", problem, p);
                    }
                })],
            },
            RemoteAttribute.Definition("the delegation"),
            new SchemaAttribute("user", TfType.String, "The user the permissions are granted to (`zfs allow -u`), e.g. `syncoid`. Exactly one of `user`, `group` and `everyone = true`. Changing it replaces the delegation.")
            {
                Optional = true,
                RequiresReplace = true,
                Validators = [Validators.Matches(PrincipalName(), "A user name: 1-32 lowercase letters, digits, `_`, `.` or `-`, starting with a letter or `_`.")],
            },
            new SchemaAttribute("group", TfType.String, "The group the permissions are granted to (`zfs allow -g`), e.g. `backup`. Exactly one of `user`, `group` and `everyone = true`. Changing it replaces the delegation.")
            {
                Optional = true,
                RequiresReplace = true,
                Validators = [Validators.Matches(PrincipalName(), "A group name: 1-32 lowercase letters, digits, `_`, `.` or `-`, starting with a letter or `_`.")],
            },
            new SchemaAttribute("everyone", TfType.Bool, "`true` grants the permissions to everyone (`zfs allow -e`). Exactly one of `user`, `group` and `everyone = true`. Changing it replaces the delegation.")
            {
                Optional = true,
                RequiresReplace = true,
            },
            new SchemaAttribute("permissions", TfType.Set(TfType.String), "Permissions to grant, e.g. `[\"send\", \"hold\", \"snapshot\"]`: `zfs` subcommands (`create`, `destroy`, `mount`, `receive`, `send`, `snapshot`, …), other abilities (`userprop`, `userquota`, …) and settable property names (`compression`, `mountpoint`, …), as listed by the host's `zfs allow -h`. Permission sets (`@name`) are not managed here.")
            {
                Required = true,
                Validators = [Validators.Custom("At least one permission name.", (v, p, d) =>
                {
                    if (v.Elements.Length == 0)
                    {
                        d.AddError("No permissions", "List at least one permission, e.g. `permissions = [\"send\", \"hold\"]`.", p);
                    }
                    foreach (var e in v.Elements.Where(e => e.IsKnown))
                    {
                        if (!Validators.IsFullMatch(PermissionName(), e.AsString()))
                        {
                            d.AddError("Invalid permission name", $"\"{Validators.Printable(e.AsString())}\" is not a permission name: lowercase letters, digits, `_ : . -`, starting with a letter, as `zfs allow -h` lists them (e.g. `send`, `snapshot`, `mountpoint`). Permission sets (`@name`) are not managed by this resource.", p);
                        }
                    }
                })],
            },
            new SchemaAttribute("local", TfType.Bool, "Grant on the dataset itself (`zfs allow -l`). Default `true`. Changing it replaces the delegation.")
            {
                Optional = true,
                Computed = true,
                Default = TfValue.Bool(true),
                RequiresReplace = true,
            },
            new SchemaAttribute("descendants", TfType.Bool, "Grant on the dataset's descendants (`zfs allow -d`). Default `true` (with `local`, the default of `zfs allow`). Changing it replaces the delegation.")
            {
                Optional = true,
                Computed = true,
                Default = TfValue.Bool(true),
                RequiresReplace = true,
            },
            new SchemaAttribute("id", TfType.String, "`<dataset>:<who>[:local|:descendants]`, e.g. `tank/backup:user:syncoid` (the import id without a remote).")
            {
                Computed = true,
                UseStateForUnknown = true,
            },
            new SchemaAttribute("preexisting_local", TfType.Set(TfType.String), "Requested permissions the who already held on the dataset itself before this resource granted anything: update and destroy never unallow them.")
            {
                Computed = true,
            },
            new SchemaAttribute("preexisting_descendants", TfType.Set(TfType.String), "Requested permissions the who already held on the dataset's descendants before this resource granted anything: update and destroy never unallow them.")
            {
                Computed = true,
            },
        ],
    });
}
