namespace Homelab.Provider.Zfs;

/// <summary>
/// Parses <c>zfs get -Hp -o name,property,value,source</c>: one tab-separated line per property,
/// a format both zfs-fuse and OpenZFS 2.x print (no JSON: zfs-fuse has none). Snapshot and
/// bookmark lines (names with <c>@</c>, <c>#</c>) are skipped unless asked for. Names we validated contain no tab or newline; values may
/// contain tabs only in user properties set by others, so the value is everything between the
/// second tab and the last one.
/// </summary>
internal static class ZfsGetOutput
{
    public static Dictionary<string, DatasetInfo> Parse(string stdout, bool withSnapshots = false)
    {
        var props = new Dictionary<string, Dictionary<string, PropertyValue>>(StringComparer.Ordinal);
        foreach (var line in stdout.Split('\n'))
        {
            if (line.Length == 0)
            {
                continue;
            }
            var first = line.IndexOf('\t', StringComparison.Ordinal);
            var second = first < 0 ? -1 : line.IndexOf('\t', first + 1);
            var last = line.LastIndexOf('\t');
            if (first <= 0 || second < 0 || last <= second)
            {
                continue;
            }
            var name = line[..first];
            if (!withSnapshots && (name.Contains('@', StringComparison.Ordinal) || name.Contains('#', StringComparison.Ordinal)))
            {
                continue;
            }
            if (!props.TryGetValue(name, out var map))
            {
                props[name] = map = new Dictionary<string, PropertyValue>(StringComparer.Ordinal);
            }
            map[line[(first + 1)..second]] = new PropertyValue(line[(second + 1)..last], line[(last + 1)..]);
        }
        return props.ToDictionary(kv => kv.Key, kv => new DatasetInfo(kv.Key, kv.Value), StringComparer.Ordinal);
    }

    /// <summary>
    /// True when a failed <c>zfs get</c> only complained about datasets (or pools) that do not
    /// exist — which for a read means "gone", not an error.
    /// </summary>
    public static bool OnlyMissingDatasets(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length > 0 && lines.All(l => l.EndsWith("dataset does not exist", StringComparison.Ordinal)
            || l.Contains("no such pool", StringComparison.Ordinal));
    }
}
