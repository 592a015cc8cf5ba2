using System.Text.RegularExpressions;

namespace Homelab.Provider.Sanoid;

/// <summary>
/// What this provider knows about sanoid's keys (sanoid 2.x <c>init()</c>; the authoritative list
/// of keys is the host's <c>sanoid.defaults.conf</c>, see <see cref="SanoidDefaults"/>).
/// </summary>
internal static partial class SanoidKeys
{
    /// <summary>Retention counts: attribute name = sanoid key.</summary>
    public static readonly string[] Counts = ["frequently", "hourly", "daily", "weekly", "monthly", "yearly"];

    /// <summary>Integer attributes other than the counts (attribute name = sanoid key).</summary>
    public static readonly string[] Integers = ["frequent_period", "script_timeout"];

    /// <summary>Toggles: attribute name = sanoid key; rendered <c>yes</c>/<c>no</c>.</summary>
    public static readonly string[] Toggles =
        ["autosnap", "autoprune", "process_children_only", "no_inconsistent_snapshot", "force_post_snapshot_script", "monitor", "monitor_dont_warn", "monitor_dont_crit"];

    /// <summary>Hook scripts: attribute name = sanoid key. Sanoid runs them with Perl's one-string <c>system()</c>, i.e. through <c>/bin/sh</c>.</summary>
    public static readonly string[] Hooks = ["pre_snapshot_script", "post_snapshot_script", "pruning_script"];

    /// <summary>
    /// Keys sanoid reads only from a module section (<c>$ini{$section}</c>): in a template it
    /// ignores <c>recursive</c> (with a warning nobody reads in a timer's journal) and never applies
    /// <c>skip_children</c>. The provider therefore writes them into every module section.
    /// </summary>
    public static readonly string[] ModuleOnly = ["recursive", "skip_children"];

    /// <summary>Keys the provider writes itself; the escape hatch may not set them.</summary>
    public static readonly string[] ProviderControlled = ["path", "use_template"];

    /// <summary>Sanoid's spellings of true and false (<c>@istrue</c>/<c>@isfalse</c> in init()).</summary>
    public static readonly string[] TrueWords = ["1", "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"];

    public static readonly string[] FalseWords = ["0", "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"];

    /// <summary>Every key that has its own attribute (the escape hatch must not repeat them).</summary>
    public static IEnumerable<string> Dedicated => Counts.Concat(Integers).Concat(Toggles).Concat(Hooks).Concat(ModuleOnly);

    public static bool IsDedicated(string key) => Dedicated.Contains(key, StringComparer.Ordinal);

    /// <summary>Monitoring thresholds (<c>hourly_warn</c>, <c>capacity_crit</c>, …) go to <c>monitor_thresholds</c>.</summary>
    [GeneratedRegex("\\A(frequently|hourly|daily|weekly|monthly|yearly)_(warn|crit)\\z", RegexOptions.CultureInvariant)]
    public static partial Regex AgeThreshold();

    [GeneratedRegex("\\Acapacity_(warn|crit)\\z", RegexOptions.CultureInvariant)]
    public static partial Regex CapacityThreshold();

    public static bool IsThreshold(string key) => AgeThreshold().IsMatch(key) || CapacityThreshold().IsMatch(key);

    /// <summary>Sanoid's time periods (convertTimePeriod): digits with an optional unit; anything else silently becomes 1 second.</summary>
    [GeneratedRegex("\\A[0-9]{1,9}[yYwWdDhHmMsS]?\\z", RegexOptions.CultureInvariant)]
    public static partial Regex TimePeriod();

    /// <summary>Key grammar of sanoid.defaults.conf.</summary>
    [GeneratedRegex("\\A[a-z][a-z0-9_]{0,63}\\z", RegexOptions.CultureInvariant)]
    public static partial Regex KeyGrammar();

    /// <summary>Hooks: an absolute path built from characters no shell treats specially.</summary>
    [GeneratedRegex("\\A/[A-Za-z0-9._+/-]{1,4000}\\z", RegexOptions.CultureInvariant)]
    public static partial Regex HookPath();

    /// <summary>Policy names: they become the template name <c>template_homelab_&lt;name&gt;</c>.</summary>
    [GeneratedRegex("\\A[a-z0-9][a-z0-9_-]{0,62}\\z", RegexOptions.CultureInvariant)]
    public static partial Regex PolicyName();

    public static bool? ParseToggle(string value) =>
        TrueWords.Contains(value, StringComparer.Ordinal) ? true : FalseWords.Contains(value, StringComparer.Ordinal) ? false : null;
}
