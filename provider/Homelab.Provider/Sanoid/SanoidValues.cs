using Homelab.Provider.Zfs;

namespace Homelab.Provider.Sanoid;

/// <summary>Checks of names and values that end up in sanoid.conf, each returning null or a sentence saying how to fix it.</summary>
internal static class SanoidValues
{
    /// <summary>
    /// A dataset name as a sanoid module section: a pool (<c>rpool</c>) or a dataset inside one,
    /// with the characters <see cref="DatasetName"/> allows (so it can never close the
    /// <c>[section]</c> header or reach a shell).
    /// </summary>
    public static string? CheckDataset(string name)
    {
        if (name.Contains('/', StringComparison.Ordinal) || name.Length == 0)
        {
            return DatasetName.Check(name);
        }
        // A pool root: check it as the parent of a child, then drop the child-specific wording.
        return DatasetName.Check(name + "/x") is { } problem ? problem : null;
    }

    /// <summary>
    /// A value (or the description comment) sanoid.conf holds on one line that Config::IniFiles,
    /// as sanoid ties it (no continuation lines, no trailing comments), and
    /// <see cref="SanoidConf.ParseBlock"/> read back unchanged: one line of visible text (no
    /// control or line-separator character, which would end the line or hide text; no BOM or bidi
    /// override), no leading/trailing whitespace (both readers trim it), no heredoc start.
    /// <c>#</c>, <c>;</c>, <c>=</c>, brackets, quotes, <c>%</c> and a trailing backslash are kept as
    /// written.
    /// </summary>
    public static string? CheckValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (Text.InvalidUtf8OrControl(value) is { } bad)
        {
            return $"The value contains {bad}; sanoid.conf values are single lines.";
        }
        if (Framework.Schema.Validators.SingleLineProblem(value) is { } invisible)
        {
            return $"The value {invisible} sanoid.conf values are single lines of visible text.";
        }
        if (value.Length > 1000)
        {
            return "The value is longer than 1000 characters.";
        }
        if (value.Trim() != value)
        {
            return "The value has leading or trailing spaces, which sanoid would drop.";
        }
        if (value.StartsWith("<<", StringComparison.Ordinal))
        {
            return "A value starting with `<<` starts a multi-line (heredoc) value in Config::IniFiles.";
        }
        return null;
    }

    /// <summary>
    /// Hooks run through Perl's one-argument <c>system()</c>, i.e. <c>/bin/sh -c</c>: only a plain
    /// absolute path is accepted, so nothing in it can be interpreted by a shell. Sanoid passes the
    /// context in environment variables (<c>SANOID_TARGETS</c>, <c>SANOID_SNAPNAMES</c>, …).
    /// </summary>
    public static string? CheckHook(string value)
    {
        if (!SanoidKeys.HookPath().IsMatch(value) || value.Split('/').Any(s => s is "." or ".."))
        {
            return $"\"{Framework.Schema.Validators.Printable(value)}\" is not a plain absolute path. Sanoid runs hooks through /bin/sh, so spaces, arguments, quotes, `;`, `|`, `$`, backticks and the like are refused: put the command into an executable script and give its path (sanoid passes SANOID_TARGETS, SANOID_SNAPNAMES and SANOID_SCRIPT in the environment).";
        }
        return null;
    }

    /// <summary>A key of the <c>settings</c> escape hatch.</summary>
    public static string? CheckSettingKey(string key)
    {
        if (!SanoidKeys.KeyGrammar().IsMatch(key))
        {
            return $"\"{Framework.Schema.Validators.Printable(key)}\" is not a sanoid key (lowercase letters, digits and `_`).";
        }
        if (SanoidKeys.IsDedicated(key))
        {
            return $"`{key}` has its own attribute: set `{key} = …` instead of putting it into `settings`.";
        }
        if (SanoidKeys.IsThreshold(key))
        {
            return $"`{key}` is a monitoring threshold: put it into `monitor_thresholds`.";
        }
        if (SanoidKeys.ProviderControlled.Contains(key, StringComparer.Ordinal))
        {
            return $"`{key}` is written by the provider (each dataset's section uses the policy's template and acts on the dataset it is named after).";
        }
        if (key.StartsWith("template", StringComparison.Ordinal))
        {
            return $"`{key}` is not a setting.";
        }
        return null;
    }

    /// <summary>A key/value of <c>monitor_thresholds</c>.</summary>
    public static string? CheckThreshold(string key, string value)
    {
        if (SanoidKeys.AgeThreshold().IsMatch(key))
        {
            return SanoidKeys.TimePeriod().IsMatch(value)
                ? null
                : $"\"{Framework.Schema.Validators.Printable(value)}\" is not a sanoid time period (digits with an optional unit s, m, h, d, w or y, e.g. `90m`, `32h`, `40d`; `0` disables). Sanoid would silently read it as 1 second.";
        }
        if (SanoidKeys.CapacityThreshold().IsMatch(key))
        {
            return int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pct) && pct <= 100
                ? null
                : $"\"{Framework.Schema.Validators.Printable(value)}\" is not a pool capacity percentage from 0 to 100.";
        }
        return $"`{Framework.Schema.Validators.Printable(key)}` is not a threshold. Use `<frequently|hourly|daily|weekly|monthly|yearly>_<warn|crit>` or `capacity_<warn|crit>`.";
    }
}
