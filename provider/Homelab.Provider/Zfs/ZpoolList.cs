using System.Globalization;

namespace Homelab.Provider.Zfs;

/// <summary>The pool's capacity figures; sizes in bytes, percentages as whole numbers.</summary>
internal sealed record PoolUsage(string Health, long? Size, long? Allocated, long? Free, decimal? Capacity, decimal? Fragmentation);

/// <summary>
/// <c>zpool list -H [-p] -o name,size,allocated,free,capacity[,fragmentation],health &lt;pool&gt;</c>:
/// one tab-separated line. OpenZFS prints exact bytes with <c>-p</c>; zfs-fuse has neither
/// <c>-p</c> nor <c>fragmentation</c> (nor <c>zpool get -H</c>), so there the sizes are its rounded
/// text (<c>123M</c>) read back as bytes, and fragmentation is null.
/// </summary>
internal static class ZpoolList
{
    public static IReadOnlyList<string> Arguments(string pool, bool literal) => literal
        ? ["list", "-H", "-p", "-o", "name,size,allocated,free,capacity,fragmentation,health", pool]
        : ["list", "-H", "-o", "name,size,allocated,free,capacity,health", pool];

    /// <summary>The pool's line, or null when <paramref name="stdout"/> has none for <paramref name="pool"/>.</summary>
    public static PoolUsage? Parse(string pool, string stdout)
    {
        foreach (var raw in stdout.Split('\n'))
        {
            var f = raw.TrimEnd('\r').Split('\t');
            if (f[0] != pool || f.Length is not (6 or 7))
            {
                continue;
            }
            var fragmentation = f.Length == 7 ? Percent(f[5]) : null;
            return new PoolUsage(f[^1], Bytes(f[1]), Bytes(f[2]), Bytes(f[3]), Percent(f[4]), fragmentation);
        }
        return null;
    }

    private static long? Bytes(string text) =>
        ZfsProperties.TryParseSize(text, out var n) && n <= long.MaxValue ? (long)n : null;

    /// <summary><c>12</c> (<c>-p</c>) or <c>12%</c>; <c>-</c> (not known, e.g. fragmentation without spacemap histograms) is null.</summary>
    private static decimal? Percent(string text) =>
        decimal.TryParse(text.TrimEnd('%'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) ? n : null;
}
