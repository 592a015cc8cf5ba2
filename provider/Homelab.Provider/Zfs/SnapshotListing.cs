using System.Globalization;
using System.Text.RegularExpressions;

namespace Homelab.Provider.Zfs;

/// <summary>
/// The snapshots of one dataset, read with one command that zfs-fuse and OpenZFS both accept:
/// <c>zfs get -H -p -o name,property,value creation,createtxg -r -d 1 &lt;dataset&gt;</c>
/// (zfs-fuse's <c>zfs list</c> has no <c>-p</c>, and its <c>zfs get</c> no <c>-t</c>). Depth 1
/// also lists the child datasets; only names <c>&lt;dataset&gt;@…</c> are kept, so a child's
/// snapshots never count. Order: by <c>createtxg</c>, then creation, then name (ordinal).
/// </summary>
internal static partial class SnapshotListing
{
    /// <summary>Sanoid's periods, in the order sanoid.conf lists them.</summary>
    public static readonly IReadOnlyList<string> Periods = ["frequently", "hourly", "daily", "weekly", "monthly", "yearly"];

    public static IReadOnlyList<string> Arguments(string dataset) =>
        ["get", "-H", "-p", "-o", "name,property,value", "creation,createtxg", "-r", "-d", "1", dataset];

    /// <summary>The dataset's own snapshots, oldest first.</summary>
    public static IReadOnlyList<Snapshot> Parse(string dataset, string stdout)
    {
        var prefix = dataset + "@";
        var creation = new Dictionary<string, long>(StringComparer.Ordinal);
        var txg = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var raw in stdout.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var parts = line.Split('\t');
            if (parts.Length != 3 || !parts[0].StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }
            var name = parts[0][prefix.Length..];
            if (name.Length == 0 || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }
            if (parts[1] == "creation")
            {
                creation[name] = value;
            }
            else if (parts[1] == "createtxg")
            {
                txg[name] = value;
            }
        }
        return creation
            .Select(kv => new Snapshot(kv.Key, kv.Value, txg.GetValueOrDefault(kv.Key)))
            .OrderBy(s => s.CreateTxg)
            .ThenBy(s => s.Creation)
            .ThenBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The sanoid period of a snapshot named <c>autosnap_&lt;YYYY-MM-DD&gt;_&lt;HH:MM:SS&gt;_&lt;period&gt;</c>
    /// (sanoid's <c>autosnap_${datestamp}_${type}</c>), or null for any other name.
    /// </summary>
    public static string? PeriodOf(string name) =>
        SanoidName().Match(name) is { Success: true } m ? m.Groups["period"].Value : null;

    /// <summary>RFC 3339 in UTC with a <c>Z</c>, as Terraform's <c>timecmp</c>/<c>timeadd</c> read it.</summary>
    public static string Rfc3339(long unixSeconds) => Kit.Rfc3339.Format(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));

    [GeneratedRegex(@"\Aautosnap_[0-9]{4}-[0-9]{2}-[0-9]{2}_[0-9]{2}:[0-9]{2}:[0-9]{2}_(?<period>frequently|hourly|daily|weekly|monthly|yearly)\z", RegexOptions.CultureInvariant)]
    private static partial Regex SanoidName();
}
