using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Sanoid;

/// <summary>
/// Cross-attribute checks: combinations sanoid accepts without complaint but silently ignores, so
/// the policy would not do what it says. Values may be unknown; only known ones are judged.
/// </summary>
internal static class SanoidPolicyRules
{
    /// <summary>The foundation's homelab-sanoid.timer (docs/nixgen.md, <c>sanoidOnCalendar</c> default).</summary>
    private const int FoundationRunMinutes = 15;

    public static void Check(TfValue config, DiagnosticBag d)
    {
        var frequently = config.GetInt64Safe("frequently");
        var period = config.GetInt64Safe("frequent_period");
        if (period is not null && frequently is null or 0 && !config["frequently"].IsUnknown)
        {
            d.AddWarning("frequent_period has no effect", "`frequent_period` only spaces frequent snapshots, and this policy keeps none (`frequently` is unset or 0). Set `frequently`, or remove `frequent_period`.", AttrPath.Attribute("frequent_period"));
        }
        if (frequently > 0 && period is { } q && q < FoundationRunMinutes)
        {
            d.AddWarning("Snapshots cannot be that frequent", $"`frequent_period = {q}` asks for a snapshot every {q} minutes, but the foundation's homelab-sanoid.timer runs sanoid every {FoundationRunMinutes} minutes (nixgen `homelab.sanoidOnCalendar`), so snapshots come at most that often.", AttrPath.Attribute("frequent_period"));
        }
        var recursive = config.GetString("recursive");
        var childrenOnly = config.GetBool("process_children_only");
        if (childrenOnly is { IsKnown: true, Value: true } && (recursive.IsNull || recursive is { IsKnown: true, Value: "no" }))
        {
            d.AddError("process_children_only without recursion", "`process_children_only = true` makes sanoid skip the listed datasets themselves, and without `recursive` there are no children to snapshot: the policy would do nothing. Set `recursive = \"yes\"` (or `\"zfs\"`).", AttrPath.Attribute("process_children_only"));
        }
        var skip = config.GetBool("skip_children");
        if (skip is { IsKnown: true, Value: true } && recursive is { IsKnown: true, Value: "yes" or "zfs" })
        {
            d.AddError("skip_children contradicts recursive", "`skip_children = true` removes the children that `recursive` adds; sanoid then snapshots only the listed datasets. Use `recursive = \"no\"` instead.", AttrPath.Attribute("skip_children"));
        }
        var pre = config["pre_snapshot_script"];
        var post = config["post_snapshot_script"];
        var pruning = config["pruning_script"];
        if (config.GetBool("no_inconsistent_snapshot") is { IsKnown: true, Value: true } && pre.IsNull)
        {
            d.AddWarning("no_inconsistent_snapshot has no effect", "It only matters when `pre_snapshot_script` fails, and none is set.", AttrPath.Attribute("no_inconsistent_snapshot"));
        }
        if (config.GetBool("force_post_snapshot_script") is { IsKnown: true, Value: true } && (post.IsNull || pre.IsNull))
        {
            d.AddWarning("force_post_snapshot_script has no effect", "It runs `post_snapshot_script` after a failed `pre_snapshot_script`; set both scripts, or remove it.", AttrPath.Attribute("force_post_snapshot_script"));
        }
        if (!config["script_timeout"].IsNull && pre.IsNull && post.IsNull && pruning.IsNull)
        {
            d.AddWarning("script_timeout has no effect", "No hook script is set, so there is nothing to time out.", AttrPath.Attribute("script_timeout"));
        }
        if (config.GetBool("autosnap") is { IsKnown: true, Value: false } && config.GetBool("autoprune") is { IsKnown: true, Value: false })
        {
            d.AddWarning("The policy does nothing", "With `autosnap = false` and `autoprune = false` sanoid neither takes nor prunes snapshots for these datasets (monitoring still applies).", AttrPath.Attribute("autosnap"));
        }
    }

    private static long? GetInt64Safe(this TfValue config, string name)
    {
        var v = config[name];
        return v.IsKnown && !v.IsNull && v.AsNumber().TryGetInt64(out var i) ? i : null;
    }
}
