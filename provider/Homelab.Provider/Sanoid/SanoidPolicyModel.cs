using System.Globalization;
using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Sanoid;

/// <summary>
/// Explicit mapping between the resource's values and <see cref="SanoidPolicy"/> (AOT-safe, no
/// reflection). Dedicated attributes, <c>monitor_thresholds</c> and <c>settings</c> all become
/// template keys; reading back sorts them out again, so a policy round-trips exactly.
/// </summary>
internal static class SanoidPolicyModel
{
    /// <summary>The policy a known object describes; null when something it needs is still unknown.</summary>
    public static SanoidPolicy? From(TfValue v)
    {
        var name = v.GetString("name");
        var datasets = v.GetStrings("datasets");
        var thresholds = v.GetStringMap("monitor_thresholds");
        var settings = v.GetStringMap("settings");
        if (!name.IsKnown || datasets.IsUnknown || thresholds.IsUnknown || settings.IsUnknown)
        {
            return null;
        }
        var keys = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var k in SanoidKeys.Counts.Concat(SanoidKeys.Integers))
        {
            var n = v.GetNumber(k);
            if (n.IsUnknown)
            {
                return null;
            }
            if (n.IsKnown)
            {
                keys[k] = n.Value!.TryGetInt64(out var i) ? i.ToString(CultureInfo.InvariantCulture) : n.Value.ToString()!;
            }
        }
        foreach (var k in SanoidKeys.Toggles)
        {
            var b = v.GetBool(k);
            if (b.IsUnknown)
            {
                return null;
            }
            if (b.IsKnown)
            {
                keys[k] = b.Value ? "yes" : "no";
            }
        }
        foreach (var k in SanoidKeys.Hooks)
        {
            var s = v.GetString(k);
            if (s.IsUnknown)
            {
                return null;
            }
            if (s.IsKnown)
            {
                keys[k] = s.Value!;
            }
        }
        foreach (var (k, value) in (thresholds.Value ?? new Dictionary<string, string>()).Concat(settings.Value ?? new Dictionary<string, string>()))
        {
            keys[k] = value;
        }
        var description = v.GetString("description");
        var recursive = v.GetString("recursive");
        var skip = v.GetBool("skip_children");
        if (description.IsUnknown || recursive.IsUnknown || skip.IsUnknown)
        {
            return null;
        }
        return new SanoidPolicy
        {
            Name = name.Value!,
            Description = description.Value,
            Datasets = [.. (datasets.Value ?? []).Distinct().Order(StringComparer.Ordinal)],
            Recursive = recursive.Value,
            SkipChildren = skip.IsKnown ? skip.Value : null,
            TemplateKeys = keys,
        };
    }

    /// <summary>
    /// The resource object for <paramref name="policy"/>. <paramref name="prior"/> keeps an empty
    /// map the user wrote (<c>settings = {}</c>) from turning into null.
    /// </summary>
    public static TfValue ToValue(SanoidPolicy policy, string? remote, string rendered, TfValue? prior)
    {
        var attrs = new Dictionary<string, TfValue>(StringComparer.Ordinal)
        {
            ["name"] = TfValue.String(policy.Name),
            ["remote"] = TfValueAccessors.StringOrNull(remote),
            ["description"] = TfValueAccessors.StringOrNull(policy.Description),
            ["datasets"] = TfValueAccessors.StringSet(policy.Datasets),
            ["recursive"] = TfValueAccessors.StringOrNull(policy.Recursive),
            ["skip_children"] = policy.SkipChildren is { } skip ? TfValue.Bool(skip) : TfValue.Null(TfType.Bool),
            ["rendered"] = TfValue.String(rendered),
        };
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var k in SanoidKeys.Counts.Concat(SanoidKeys.Integers))
        {
            attrs[k] = policy.TemplateKeys.TryGetValue(k, out var s) && long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                ? TfValue.Number(n)
                : TfValue.Null(TfType.Number);
            if (!attrs[k].IsNull)
            {
                used.Add(k);
            }
        }
        foreach (var k in SanoidKeys.Toggles)
        {
            attrs[k] = policy.TemplateKeys.TryGetValue(k, out var s) && SanoidKeys.ParseToggle(s) is { } b ? TfValue.Bool(b) : TfValue.Null(TfType.Bool);
            if (!attrs[k].IsNull)
            {
                used.Add(k);
            }
        }
        foreach (var k in SanoidKeys.Hooks)
        {
            attrs[k] = policy.TemplateKeys.TryGetValue(k, out var s) ? TfValue.String(s) : TfValue.Null(TfType.String);
            used.Add(k);
        }
        // A value that does not parse (a hand edit such as `hourly = lots`) lands in `settings`,
        // where it shows up as a change against the configuration.
        var rest = policy.TemplateKeys.Where(kv => !used.Contains(kv.Key)).ToList();
        attrs["monitor_thresholds"] = MapOrNull(rest.Where(kv => SanoidKeys.IsThreshold(kv.Key)), prior, "monitor_thresholds");
        attrs["settings"] = MapOrNull(rest.Where(kv => !SanoidKeys.IsThreshold(kv.Key)), prior, "settings");
        return TfValue.Object(SanoidPolicySchema.Schema.ImpliedType, attrs);
    }

    private static TfValue MapOrNull(IEnumerable<KeyValuePair<string, string>> entries, TfValue? prior, string attribute)
    {
        var list = entries.ToList();
        if (list.Count > 0)
        {
            return TfValueAccessors.StringMap(list);
        }
        return prior is { IsKnown: true } && prior[attribute] is { IsKnown: true, IsNull: false }
            ? TfValueAccessors.StringMap([])
            : TfValue.Null(TfType.Map(TfType.String));
    }
}
