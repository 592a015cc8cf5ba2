using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Host;
using Homelab.Provider.Kit;

namespace Homelab.Provider.Sanoid;

/// <summary>The schema of <c>homelab_sanoid_policy</c>; validators reject hostile input before anything runs.</summary>
internal static class SanoidPolicySchema
{
    private static readonly Dictionary<string, string> CountDocs = new(StringComparer.Ordinal)
    {
        ["frequently"] = "Frequent snapshots to keep (one every `frequent_period` minutes). Unset: the host's `sanoid.defaults.conf` decides (`0` on stock sanoid).",
        ["hourly"] = "Hourly snapshots to keep. Unset: sanoid's default (`48` on stock sanoid).",
        ["daily"] = "Daily snapshots to keep. Unset: sanoid's default (`90` on stock sanoid).",
        ["weekly"] = "Weekly snapshots to keep. Unset: sanoid's default (`0` on stock sanoid).",
        ["monthly"] = "Monthly snapshots to keep. Unset: sanoid's default (`6` on stock sanoid).",
        ["yearly"] = "Yearly snapshots to keep. Unset: sanoid's default (`0` on stock sanoid).",
    };

    private static readonly Dictionary<string, string> ToggleDocs = new(StringComparer.Ordinal)
    {
        ["autosnap"] = "Take snapshots (`autosnap`). Unset: sanoid's default (yes).",
        ["autoprune"] = "Destroy snapshots beyond the retention counts (`autoprune`). Unset: sanoid's default (yes).",
        ["process_children_only"] = "Snapshot and prune only the children of each dataset, not the dataset itself (`process_children_only`); needs `recursive`.",
        ["no_inconsistent_snapshot"] = "Skip the snapshot when `pre_snapshot_script` fails (`no_inconsistent_snapshot`).",
        ["force_post_snapshot_script"] = "Run `post_snapshot_script` even when `pre_snapshot_script` failed (`force_post_snapshot_script`).",
        ["monitor"] = "Include these datasets in `sanoid --monitor-snapshots` (`monitor`). Unset: sanoid's default (yes).",
        ["monitor_dont_warn"] = "Never report WARNING for these datasets in `--monitor-snapshots` (`monitor_dont_warn`).",
        ["monitor_dont_crit"] = "Never report CRITICAL for these datasets in `--monitor-snapshots` (`monitor_dont_crit`).",
    };

    private static readonly Dictionary<string, string> HookDocs = new(StringComparer.Ordinal)
    {
        ["pre_snapshot_script"] = "Absolute path of an executable run before each snapshot (`pre_snapshot_script`). Sanoid runs it through `/bin/sh`, so only a plain path is accepted (no arguments or shell syntax); it gets `SANOID_TARGETS`, `SANOID_SNAPNAMES`, `SANOID_TYPES` and `SANOID_SCRIPT=pre` in its environment.",
        ["post_snapshot_script"] = "Absolute path of an executable run after each snapshot (`post_snapshot_script`); same rules as `pre_snapshot_script`.",
        ["pruning_script"] = "Absolute path of an executable run after each pruned snapshot (`pruning_script`); same rules as `pre_snapshot_script`.",
    };

    public static ResourceSchema Schema { get; } = new(0, new Block
    {
        Description = """
            A Sanoid snapshot policy: a retention template plus one module section per dataset in the state dir's `sanoid/sanoid.conf`, which the NixOS foundation's `homelab-sanoid.service` runs (`sanoid --cron --configdir <state>/sanoid`, every 15 minutes).

            The policy's part of the file is delimited by `# BEGIN homelab_sanoid_policy <name>` / `# END …` lines; hand-written sections elsewhere in the file are kept. Every key is checked against the host's `sanoid.defaults.conf` (sanoid refuses to start on a key it does not know), and every new file is loaded by the host's real `sanoid` in read-only mode before it replaces the live one: a file sanoid rejects, or whose settings it would ignore, is never written. Datasets must exist and must not be owned by Incus (`homelab:owner=incus` or the remote's `incus_datasets`); a dataset belongs to at most one policy.

            Create refuses when the file already has a block with the policy's name (made by hand, by another workspace, or left by a lost state): import it instead. Concurrent applies from several workspaces never lose each other's blocks. Read parses the block back, so a hand edit shows up as a change and a removed block as a resource to create. Destroy removes the policy's sections only: snapshots already taken stay (destroy them with `zfs destroy` if you mean to).

            Import id: `[<remote>:]<policy name>`, e.g. `persistent` or `atlas:persistent`.
            """,
        Attributes =
        [
            new SchemaAttribute("name", TfType.String, "Policy name (`^[a-z0-9][a-z0-9_-]{0,62}$`); the template is written as `[template_homelab_<name>]`. Changing it replaces the policy.")
            {
                Required = true,
                RequiresReplace = true,
                Validators = [Validators.Matches(SanoidKeys.PolicyName(), "Use 1-63 lowercase letters, digits, `_` or `-`, starting with a letter or digit.")],
            },
            RemoteAttribute.Definition("the policy"),
            new SchemaAttribute("description", TfType.String, "Free text, written as a comment above the policy's sections.")
            {
                Optional = true,
                Validators = [Validators.Custom("Single-line text.", (v, p, d) =>
                {
                    if (SanoidValues.CheckValue(v.AsString()) is { } problem)
                    {
                        d.AddError("Invalid description", problem, p);
                    }
                })],
            },
            new SchemaAttribute("datasets", TfType.Set(TfType.String), "Datasets the policy snapshots, e.g. `[\"rpool/persistent\", \"rpool/home\"]` (one module section each). They must exist at apply time and may not be Incus-owned; a dataset can be in one policy only.")
            {
                Required = true,
                Validators = [Validators.Custom("At least one dataset name.", (v, p, d) =>
                {
                    if (v.Elements.Length == 0)
                    {
                        d.AddError("No datasets", "List at least one dataset, e.g. `datasets = [\"rpool/persistent\"]`.", p);
                    }
                    foreach (var e in v.Elements.Where(e => e.IsKnown))
                    {
                        if (SanoidValues.CheckDataset(e.AsString()) is { } problem)
                        {
                            d.AddError("Invalid dataset name", problem, p);
                        }
                    }
                })],
            },
            .. SanoidKeys.Counts.Select(k => new SchemaAttribute(k, TfType.Number, CountDocs[k])
            {
                Optional = true,
                Validators = [Validators.IntBetween(0, 100_000)],
            }),
            new SchemaAttribute("frequent_period", TfType.Number, "Minutes between frequent snapshots (`frequent_period`; stock default 15). The foundation runs sanoid every 15 minutes, so shorter periods are not reached.")
            {
                Optional = true,
                Validators = [Validators.IntBetween(1, 1440)],
            },
            .. SanoidKeys.Toggles.Select(k => new SchemaAttribute(k, TfType.Bool, ToggleDocs[k]) { Optional = true }),
            new SchemaAttribute("recursive", TfType.String, "`no` (default): only the listed datasets. `yes`: sanoid snapshots each child dataset on its own. `zfs`: one atomic `zfs snapshot -r` per dataset. Written into each module section (sanoid ignores it in templates).")
            {
                Optional = true,
                Validators = [Validators.OneOf("no", "yes", "zfs")],
            },
            new SchemaAttribute("skip_children", TfType.Bool, "Leave the children of these datasets alone even when a parent's policy is recursive (`skip_children`). Written into each module section (sanoid ignores it in templates).")
            {
                Optional = true,
            },
            .. SanoidKeys.Hooks.Select(k => new SchemaAttribute(k, TfType.String, HookDocs[k])
            {
                Optional = true,
                Validators = [Validators.Custom("A plain absolute path to an executable.", (v, p, d) =>
                {
                    if (SanoidValues.CheckHook(v.AsString()) is { } problem)
                    {
                        d.AddError("Invalid hook script", problem, p);
                    }
                })],
            }),
            new SchemaAttribute("script_timeout", TfType.Number, "Seconds a hook script may run before sanoid gives up on it (`script_timeout`; stock default 5, `0` = no limit).")
            {
                Optional = true,
                Validators = [Validators.IntBetween(0, 86_400)],
            },
            new SchemaAttribute("monitor_thresholds", TfType.Map(TfType.String), "Thresholds for `sanoid --monitor-snapshots` and `--monitor-capacity`, e.g. `{ hourly_warn = \"90m\", hourly_crit = \"6h\", daily_crit = \"32h\", capacity_warn = \"80\" }`. Ages take a unit `s m h d w y`; capacities are percentages.")
            {
                Optional = true,
                Validators = [Validators.Custom("Keys `<type>_warn`/`<type>_crit` and `capacity_warn`/`capacity_crit`.", (v, p, d) =>
                {
                    foreach (var (key, value) in v.Entries)
                    {
                        if (value.IsKnown && !value.IsNull && SanoidValues.CheckThreshold(key, value.AsString()) is { } problem)
                        {
                            d.AddError("Invalid monitoring threshold", problem, p.Key(key));
                        }
                    }
                })],
            },
            new SchemaAttribute("settings", TfType.Map(TfType.String), "Further sanoid keys for the template, e.g. `{ hourly_min = \"30\", daily_hour = \"2\", prune_defer = \"10\" }`. Each key must be listed in the host's `sanoid.defaults.conf`; keys with their own attribute are refused here.")
            {
                Optional = true,
                Validators = [Validators.Custom("Keys from the host's `sanoid.defaults.conf`; single-line values.", (v, p, d) =>
                {
                    foreach (var (key, value) in v.Entries)
                    {
                        if (SanoidValues.CheckSettingKey(key) is { } keyProblem)
                        {
                            d.AddError("Invalid sanoid setting", keyProblem, p.Key(key));
                        }
                        else if (value.IsKnown && !value.IsNull && SanoidValues.CheckValue(value.AsString()) is { } valueProblem)
                        {
                            d.AddError("Invalid sanoid setting", valueProblem, p.Key(key));
                        }
                    }
                })],
            },
            new SchemaAttribute("rendered", TfType.String, "The policy's block of `sanoid.conf` exactly as written (known at plan time, so the plan shows the INI that will go live).")
            {
                Computed = true,
            },
        ],
    });
}
