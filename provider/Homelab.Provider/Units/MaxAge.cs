using System.Globalization;
using System.Text.RegularExpressions;
using Homelab.Provider.Framework.Schema;

namespace Homelab.Provider.Units;

/// <summary>
/// <c>max_age</c> of a job: how long after its last successful run the foundation's monitor reports
/// it as stale (docs/design/health.md). The grammar is a subset of systemd's time spans
/// (systemd.time(7)): one or more terms <c>&lt;number&gt;&lt;unit&gt;</c>, optionally separated by a
/// space, with the units <c>s</c>/<c>sec</c>/<c>second(s)</c>, <c>m</c>/<c>min</c>/<c>minute(s)</c>,
/// <c>h</c>/<c>hr</c>/<c>hour(s)</c>, <c>d</c>/<c>day(s)</c> and <c>w</c>/<c>week(s)</c>, e.g.
/// <c>90m</c>, <c>36h</c>, <c>1d 12h</c>. The sum lies between <see cref="MinSeconds"/> and
/// <see cref="MaxSeconds"/>. Sub-second units and months/years (whose length systemd averages) are
/// refused, so every value is a whole number of seconds. The unit file carries the seconds (and the
/// text in a comment, <see cref="ServiceHealth.UnitLines"/>); state keeps the text the user wrote,
/// and equal spans compare equal (<see cref="ForState"/>), so <c>120m</c> and <c>2h</c> are never drift.
/// </summary>
internal static partial class MaxAge
{
    /// <summary>One minute: the monitor runs on a timer, a shorter bound could only raise false alarms.</summary>
    public const long MinSeconds = 60;

    /// <summary>366 days.</summary>
    public const long MaxSeconds = 366L * 86400;

    private static readonly Dictionary<string, long> Units = new(StringComparer.Ordinal)
    {
        ["s"] = 1, ["sec"] = 1, ["secs"] = 1, ["second"] = 1, ["seconds"] = 1,
        ["m"] = 60, ["min"] = 60, ["mins"] = 60, ["minute"] = 60, ["minutes"] = 60,
        ["h"] = 3600, ["hr"] = 3600, ["hrs"] = 3600, ["hour"] = 3600, ["hours"] = 3600,
        ["d"] = 86400, ["day"] = 86400, ["days"] = 86400,
        ["w"] = 604800, ["week"] = 604800, ["weeks"] = 604800,
    };

    /// <summary>Plan-time check of the attribute (whole string, positive, bounded).</summary>
    public static readonly IValueValidator Validator = Validators.Custom(
        "A time span such as `90m`, `36h`, `1d` or `1d 12h` (units `s`, `m`/`min`, `h`, `d`, `w`), from `1m` to `366d`.",
        (v, p, d) =>
        {
            if (Problem(v.AsString()) is { } problem)
            {
                d.AddError("Invalid max_age", $"\"{Validators.Printable(v.AsString())}\": {problem}", p);
            }
        });

    /// <summary>Null when <paramref name="text"/> is a valid <c>max_age</c>, else why not (a sentence).</summary>
    public static string? Problem(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Parse(text) is not { } seconds)
        {
            return "not a time span. Write numbers with units, e.g. `90m`, `36h`, `1d` or `1d 12h` (units: `s`, `m` or `min`, `h`, `d`, `w`; no months or years).";
        }
        if (seconds < MinSeconds)
        {
            return $"{seconds} seconds is shorter than the shortest bound, `1m` (the monitor runs on a timer).";
        }
        return seconds > MaxSeconds ? $"{seconds} seconds is longer than the longest bound, `366d`." : null;
    }

    /// <summary>The span in seconds; throws for a value <see cref="Problem"/> refuses (validate at plan).</summary>
    public static long Seconds(string text) =>
        Problem(text) is { } problem
            ? throw new ArgumentException($"max_age refused (validate at plan): {problem}", nameof(text))
            : Parse(text)!.Value;

    /// <summary>The shortest spelling: the largest of <c>d</c>, <c>h</c>, <c>m</c>, <c>s</c> that divides the span (<c>7200</c> → <c>2h</c>, <c>129600</c> → <c>36h</c>).</summary>
    public static string Format(long seconds)
    {
        foreach (var (unit, size) in new[] { ("d", 86400L), ("h", 3600L), ("m", 60L) })
        {
            if (seconds % size == 0)
            {
                return (seconds / size).ToString(CultureInfo.InvariantCulture) + unit;
            }
        }
        return seconds.ToString(CultureInfo.InvariantCulture) + "s";
    }

    /// <summary>
    /// The value for state when the host says <paramref name="host"/>: the prior text when it stands
    /// for the same span (what the user wrote stays), else the host's, or null when the host has none.
    /// </summary>
    public static string? ForState(string? prior, string? host) =>
        host is null ? null
        : prior is not null && Parse(prior) is { } p && p == Parse(host) ? prior
        : host;

    /// <summary>The span in seconds when <paramref name="text"/> follows the grammar (bounds not checked), else null.</summary>
    public static long? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > 64)
        {
            return null;
        }
        var m = SpanRegex().Match(text);
        if (!m.Success)
        {
            return null;
        }
        long sum = 0;
        foreach (Capture term in m.Groups["t"].Captures)
        {
            var t = TermRegex().Match(term.Value);
            if (!Units.TryGetValue(t.Groups["u"].Value, out var size))
            {
                return null;
            }
            sum += long.Parse(t.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture) * size;
        }
        return sum;
    }

    [GeneratedRegex(@"\A(?<t>[0-9]{1,9} ?[a-z]{1,7})(?: ?(?<t>[0-9]{1,9} ?[a-z]{1,7}))*\z", RegexOptions.CultureInvariant)]
    private static partial Regex SpanRegex();

    [GeneratedRegex(@"\A(?<n>[0-9]{1,9}) ?(?<u>[a-z]{1,7})\z", RegexOptions.CultureInvariant)]
    private static partial Regex TermRegex();
}
