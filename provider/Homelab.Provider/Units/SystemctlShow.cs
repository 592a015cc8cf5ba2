using System.Globalization;
using System.Text.RegularExpressions;

namespace Homelab.Provider.Units;

/// <summary>
/// The one <c>systemctl show</c> call of <c>homelab_unit</c> and the parser of its output
/// (<c>Key=Value</c> lines). systemctl prints timestamps in the local time zone of the process
/// (<c>Thu 2026-12-03 12:00:00 UTC</c>, empty or <c>n/a</c> when never), so the call runs with
/// <c>TZ=UTC0</c> and <c>LC_ALL=C</c> (<see cref="Host.UtcCommand"/>): the zone is always <c>UTC</c> and the weekday English (the
/// parser skips it anyway). Nothing the user typed reaches a shell: the unit name is an argument.
/// </summary>
internal static partial class SystemctlShow
{
    /// <summary>The properties read, for services and timers alike (a property a unit type lacks is simply not printed).</summary>
    public static readonly IReadOnlyList<string> Properties =
    [
        "Id", "LoadState", "ActiveState", "SubState", "Result",
        "ExecMainStatus", "ExecMainExitTimestamp",
        "ActiveEnterTimestamp", "InactiveEnterTimestamp",
        "LastTriggerUSec", "NextElapseUSecRealtime", "Unit",
    ];

    /// <summary>The argv of the call (after the script and the systemctl path): <c>show --property=… -- &lt;unit&gt;</c>.</summary>
    public static IReadOnlyList<string> Arguments(string unit) =>
        ["show", "--property=" + string.Join(',', Properties), "--", unit];

    /// <summary>The <c>Key=Value</c> lines of <paramref name="stdout"/> (the first <c>=</c> splits; a later line wins).</summary>
    public static IReadOnlyDictionary<string, string> Parse(string stdout)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in stdout.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                properties[line[..eq]] = line[(eq + 1)..];
            }
        }
        return properties;
    }

    /// <summary>True when <paramref name="value"/> is systemd's way of saying "never" (empty, <c>n/a</c>, <c>0</c>).</summary>
    public static bool IsNever(string? value) =>
        string.IsNullOrWhiteSpace(value) || value.Trim() is "n/a" or "0";

    /// <summary>
    /// A timestamp as systemctl prints it (<c>Thu 2026-12-03 12:00:00 UTC</c>, also with
    /// microseconds, without the weekday, or with a numeric offset). Null for "never" (see
    /// <see cref="IsNever"/>). False when the text is none of these (a time zone other than UTC:
    /// its abbreviation cannot be resolved reliably).
    /// </summary>
    public static bool TryParseTimestamp(string? value, out DateTimeOffset? time)
    {
        time = null;
        if (IsNever(value))
        {
            return true;
        }
        var m = TimestampRegex().Match(value!.Trim());
        if (!m.Success)
        {
            return false;
        }
        var offset = TimeSpan.Zero;
        if (m.Groups["offset"].Success)
        {
            var o = m.Groups["offset"].Value.Replace(":", "", StringComparison.Ordinal);
            offset = new TimeSpan(int.Parse(o[1..3], CultureInfo.InvariantCulture), int.Parse(o[3..5], CultureInfo.InvariantCulture), 0);
            if (o[0] == '-')
            {
                offset = -offset;
            }
        }
        var text = m.Groups["date"].Value + " " + m.Groups["time"].Value;
        if (!DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }
        if (m.Groups["frac"].Success)
        {
            var frac = m.Groups["frac"].Value.PadRight(7, '0')[..7];
            local = local.AddTicks(long.Parse(frac, CultureInfo.InvariantCulture));
        }
        time = new DateTimeOffset(local, offset).ToUniversalTime();
        return true;
    }

    // [weekday] YYYY-MM-DD HH:MM:SS[.frac] (UTC|GMT|Z|±HH[:]MM)
    [GeneratedRegex(@"\A(?:[A-Za-z]{2,12}\.?\s+)?(?<date>[0-9]{4}-[0-9]{2}-[0-9]{2})\s+(?<time>[0-9]{2}:[0-9]{2}:[0-9]{2})(?:\.(?<frac>[0-9]{1,9}))?\s+(?:UTC|GMT|Z|(?<offset>[+-][0-9]{2}:?[0-9]{2}))\z", RegexOptions.CultureInvariant)]
    private static partial Regex TimestampRegex();
}
