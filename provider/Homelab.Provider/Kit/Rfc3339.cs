using System.Globalization;
using System.Text.RegularExpressions;

namespace Homelab.Provider.Kit;

/// <summary>
/// The one reader and writer of the times data sources return and status files hold: RFC 3339
/// in UTC with a <c>Z</c>, to the second (<c>2026-12-03T12:00:00Z</c>), the form Terraform's
/// <c>timecmp</c>, <c>timeadd</c> and <c>plantimestamp()</c> take (docs/design/health.md).
/// </summary>
internal static partial class Rfc3339
{
    /// <summary><paramref name="time"/> in UTC, to the second, with a <c>Z</c>.</summary>
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// One RFC 3339 time with a zone (<c>Z</c> or <c>±hh:mm</c>; blanks around it ignored), as
    /// UTC; null for anything else. Fractions beyond 100 ns (restic writes nanoseconds) are dropped.
    /// </summary>
    public static DateTimeOffset? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var m = TimeRegex().Match(text.Trim());
        if (!m.Success)
        {
            return null;
        }
        var frac = m.Groups["frac"].Success ? "." + m.Groups["frac"].Value.PadRight(7, '0')[..7] : "";
        var zone = m.Groups["zone"].Value is "Z" or "z" ? "+00:00" : m.Groups["zone"].Value;
        var normal = m.Groups["main"].Value.Replace('t', 'T') + frac + zone;
        return DateTimeOffset.TryParseExact(normal, ["yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.fffffffzzz"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time.ToUniversalTime()
            : null;
    }

    [GeneratedRegex(@"\A(?<main>[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2})(?:\.(?<frac>[0-9]{1,9}))?(?<zone>[Zz]|[+-][0-9]{2}:[0-9]{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex TimeRegex();
}
