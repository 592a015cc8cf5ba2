using System.Globalization;
using System.Text;

namespace Homelab.Provider.Units;

/// <summary>
/// The health lines of every <c>.service</c> the provider generates (docs/design/health.md, "Units
/// the provider writes"), in one place for syncoid and restic: <c>OnFailure=</c> starts the
/// foundation's alert, <c>OnSuccess=</c> records the success (and sends "recovered" after a
/// failure), and <c>X-HomelabMaxAgeSec=</c> (only for a job with <c>max_age</c>) tells the
/// foundation's monitor how old the last success may be. All three use <c>%n</c>, the full unit
/// name, never <c>%N</c>/<c>%I</c>, which lose or rewrite characters. systemd ignores keys starting
/// with <c>X-</c>, and <c>systemd-analyze verify</c> accepts them.
/// </summary>
internal static class ServiceHealth
{
    /// <summary>The foundation's alert for a failed run (never put on the notifier itself).</summary>
    public const string OnFailureLine = "OnFailure=failure-notify@%n.service";

    /// <summary>The foundation's success record (needs systemd ≥ 249).</summary>
    public const string OnSuccessLine = "OnSuccess=success-notify@%n.service";

    /// <summary>The key the foundation's monitor reads: the largest age, in seconds, of the last success.</summary>
    public const string MaxAgeKey = "X-HomelabMaxAgeSec";

    /// <summary>The lines (each with its newline) for the <c>[Unit]</c> section of a generated service.</summary>
    public static string UnitLines(long? maxAgeSeconds)
    {
        var sb = new StringBuilder();
        sb.Append(OnFailureLine).Append('\n');
        sb.Append(OnSuccessLine).Append('\n');
        if (maxAgeSeconds is { } seconds)
        {
            sb.Append(MaxAgeKey).Append('=').Append(seconds.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>
    /// The <c>X-HomelabMaxAgeSec=</c> of a service file's <c>[Unit]</c> section (the inverse of
    /// <see cref="UnitLines"/>); null when there is none or its value is not a positive whole number
    /// (a hand edit then shows up as drift).
    /// </summary>
    public static long? MaxAgeSeconds(string serviceContent)
    {
        ArgumentNullException.ThrowIfNull(serviceContent);
        string? section = null;
        long? found = null;
        foreach (var raw in serviceContent.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                section = line;
                continue;
            }
            if (section == "[Unit]" && line.StartsWith(MaxAgeKey + "=", StringComparison.Ordinal))
            {
                var value = line[(MaxAgeKey.Length + 1)..];
                // Like every systemd setting, a later assignment wins.
                found = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 ? seconds : null;
            }
        }
        return found;
    }
}
