using System.Globalization;
using System.Text;

namespace Homelab.Provider.Units;

/// <summary>
/// The health lines of every <c>.service</c> the provider generates (docs/design/health.md, "Units
/// the provider writes"), in one place for syncoid and restic: <c>OnFailure=</c> starts the
/// foundation's alert, <c>OnSuccess=</c> records the success (and sends "recovered" after a
/// failure), and <c>X-HomelabMaxAgeSec=</c> (only for a job with <c>max_age</c>, after a comment
/// holding the text as written) tells the foundation's monitor how old the last success may be. All three use <c>%n</c>, the full unit
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

    /// <summary>
    /// A comment before <see cref="MaxAgeKey"/> with <c>max_age</c> as the user wrote it, so that an
    /// import (which sees only the host) reads back the same text; systemd and the monitor ignore it.
    /// </summary>
    public const string MaxAgeCommentPrefix = "# max_age: ";

    /// <summary>
    /// The lines (each with its newline) for the <c>[Unit]</c> section of a generated service;
    /// <paramref name="maxAge"/> is the job's <c>max_age</c> text (validated at plan), null for none.
    /// </summary>
    public static string UnitLines(string? maxAge)
    {
        var sb = new StringBuilder();
        sb.Append(OnFailureLine).Append('\n');
        sb.Append(OnSuccessLine).Append('\n');
        if (maxAge is not null)
        {
            var seconds = MaxAge.Seconds(maxAge);
            sb.Append(MaxAgeCommentPrefix).Append(maxAge).Append('\n');
            sb.Append(MaxAgeKey).Append('=').Append(seconds.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>
    /// The <c>max_age</c> a service file stands for: the text of its comment while that still means
    /// the seconds of <see cref="MaxAgeKey"/>, else the seconds' shortest spelling
    /// (<see cref="MaxAge.Format"/>: a hand edit of the key wins); null without a valid key.
    /// </summary>
    public static string? MaxAgeOf(string serviceContent)
    {
        if (MaxAgeSeconds(serviceContent) is not { } seconds)
        {
            return null;
        }
        var comment = serviceContent.Split('\n').LastOrDefault(l => l.StartsWith(MaxAgeCommentPrefix, StringComparison.Ordinal));
        var text = comment?[MaxAgeCommentPrefix.Length..];
        return text is not null && MaxAge.Problem(text) is null && MaxAge.Parse(text) == seconds ? text : MaxAge.Format(seconds);
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
