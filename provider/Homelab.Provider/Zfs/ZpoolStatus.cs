using System.Globalization;
using System.Text.RegularExpressions;

namespace Homelab.Provider.Zfs;

/// <summary>One row of the <c>config:</c> table of <c>zpool status</c> (the pool's own row excluded).</summary>
/// <param name="Name">The name as printed: <c>mirror-0</c>, <c>sda</c>, <c>/tmp/disk.img</c>, or a GUID for a missing device.</param>
/// <param name="Parent">The vdev this one belongs to (<c>mirror-0</c>), or null for a top-level vdev.</param>
/// <param name="Class">The section: <c>data</c>, <c>log</c>, <c>special</c>, <c>dedup</c>, <c>cache</c> or <c>spare</c>.</param>
/// <param name="Type"><c>mirror</c>, <c>raidz1</c>…, <c>draid2</c>…, <c>replacing</c>, <c>spare</c>, <c>indirect</c>, or <c>disk</c>/<c>file</c> for a device.</param>
internal sealed record VdevStatus(
    string Name,
    string? Parent,
    string Class,
    string Type,
    string State,
    long? ReadErrors,
    long? WriteErrors,
    long? ChecksumErrors,
    string? Note);

/// <summary>
/// The pool's last scrub as <c>zpool status</c> reports it. <paramref name="State"/> is
/// <c>none</c>, <c>scanning</c>, <c>paused</c>, <c>finished</c> or <c>canceled</c>.
/// </summary>
internal sealed record ScrubStatus(string State, DateTimeOffset? StartTime, DateTimeOffset? EndTime, long? Repaired, long? Errors)
{
    public static readonly ScrubStatus None = new("none", null, null, null, null);
}

/// <summary>What <see cref="ZpoolStatus.Parse"/> reads from <c>zpool status &lt;pool&gt;</c>.</summary>
internal sealed record PoolStatus(string? State, IReadOnlyList<VdevStatus> Vdevs, string? Errors, ScrubStatus Scrub);

/// <summary>
/// Parses the text of <c>zpool status [-p] &lt;pool&gt;</c> as zfs-fuse (<c>scrub:</c> lines,
/// pool version 23) and OpenZFS 0.7–2.3 (<c>scan:</c> lines) print it; neither JSON (2.3 only)
/// nor any flag zfs-fuse lacks is needed. Times in the scan lines are C <c>ctime()</c> text in the
/// command's time zone, so the command runs with <c>TZ=UTC0</c> (<see cref="ZpoolReader"/>) and
/// the times are read as UTC. Byte counts in scan lines are rounded (<c>1.50M</c>); error counts
/// are exact with <c>-p</c> (OpenZFS), rounded above 1000 without it (<c>1.2K</c>).
/// </summary>
internal static partial class ZpoolStatus
{
    /// <summary>Section headers of the config table and the class their vdevs get.</summary>
    private static readonly IReadOnlyDictionary<string, string> Sections = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["logs"] = "log",
        ["cache"] = "cache",
        ["spares"] = "spare",
        ["special"] = "special",
        ["dedup"] = "dedup",
    };

    public static PoolStatus Parse(string stdout)
    {
        var lines = Ansi().Replace(stdout, "").Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        string? state = null;
        string? errors = null;
        var scans = new List<(string First, List<string> More)>();
        var table = new List<string>();
        string? label = null;
        foreach (var line in lines)
        {
            if (Label().Match(line) is { Success: true } m)
            {
                label = m.Groups["label"].Value;
                var text = m.Groups["text"].Value.Trim();
                switch (label)
                {
                    case "state":
                        state = text;
                        break;
                    case "errors":
                        errors = text;
                        break;
                    case "scan" or "scrub":
                        scans.Add((text, []));
                        break;
                }
                continue;
            }
            if (label is "scan" or "scrub" && line.StartsWith('\t'))
            {
                scans[^1].More.Add(line.Trim());
            }
            else if (label == "config" && line.StartsWith('\t'))
            {
                table.Add(line[1..]);
            }
        }
        return new PoolStatus(state, Vdevs(table), errors, Scrub(scans));
    }

    /// <summary>The last scrub among the scan entries (a resilver's entry is not a scrub).</summary>
    private static ScrubStatus Scrub(List<(string First, List<string> More)> scans)
    {
        foreach (var (first, more) in scans)
        {
            if (ScrubOf(first, more) is { } scrub)
            {
                return scrub;
            }
        }
        return ScrubStatus.None;
    }

    private static ScrubStatus? ScrubOf(string first, List<string> more)
    {
        if (Finished().Match(first) is { Success: true } f)
        {
            return new ScrubStatus("finished", null, Time(f.Groups["time"].Value), Bytes(f.Groups["repaired"].Value), Count(f.Groups["errors"].Value));
        }
        if (Canceled().Match(first) is { Success: true } c)
        {
            return new ScrubStatus("canceled", null, Time(c.Groups["time"].Value), null, null);
        }
        if (LegacyEnded().Match(first) is { Success: true } l)
        {
            return new ScrubStatus(l.Groups["how"].Value == "completed" ? "finished" : "canceled", null, Time(l.Groups["time"].Value), null, Count(l.Groups["errors"].Value));
        }
        var repaired = more.Select(t => InProgressRepaired().Match(t)).FirstOrDefault(r => r.Success) is { } r ? Bytes(r.Groups["repaired"].Value) : null;
        if (InProgress().Match(first) is { Success: true } p)
        {
            return new ScrubStatus("scanning", Time(p.Groups["time"].Value), null, repaired, null);
        }
        if (Paused().IsMatch(first))
        {
            var started = more.Select(t => StartedOn().Match(t)).FirstOrDefault(s => s.Success);
            return new ScrubStatus("paused", started is null ? null : Time(started.Groups["time"].Value), null, repaired, null);
        }
        if (LegacyInProgress().IsMatch(first))
        {
            return new ScrubStatus("scanning", null, null, null, null);
        }
        return first == "none requested" ? ScrubStatus.None : null;
    }

    /// <summary>
    /// The rows of the config table: a tab, two spaces per depth, the name, at least two spaces,
    /// the state, then READ WRITE CKSUM (absent for spares) and an optional note.
    /// </summary>
    private static List<VdevStatus> Vdevs(List<string> table)
    {
        var rows = new List<(int Depth, string Name, string Class, string? State, string[] Fields)>();
        var section = "data";
        foreach (var raw in table)
        {
            var line = raw.TrimEnd();
            if (line.Length == 0 || line.StartsWith("NAME ", StringComparison.Ordinal))
            {
                continue;
            }
            var depth = line.Length - line.TrimStart(' ').Length;
            var content = line[depth..];
            var gap = content.IndexOf("  ", StringComparison.Ordinal);
            var name = gap < 0 ? content : content[..gap];
            var rest = gap < 0 ? [] : content[gap..].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (depth == 0)
            {
                // Either the pool's own row (skipped) or a section header such as "logs".
                if (rest.Length == 0 && Sections.TryGetValue(name.Trim(), out var cls))
                {
                    section = cls;
                }
                continue;
            }
            rows.Add((depth, name, section, rest.Length > 0 ? rest[0] : null, rest));
        }
        var result = new List<VdevStatus>();
        var parents = new List<(int Depth, string Name)>();
        foreach (var (depth, name, cls, state, rest) in rows)
        {
            while (parents.Count > 0 && parents[^1].Depth >= depth)
            {
                parents.RemoveAt(parents.Count - 1);
            }
            var parent = parents.Count > 0 ? parents[^1].Name : null;
            parents.Add((depth, name));
            long? read = null, write = null, cksum = null;
            var noteStart = 1;
            if (rest.Length >= 4 && Count(rest[1]) is { } r && Count(rest[2]) is { } w && Count(rest[3]) is { } c)
            {
                (read, write, cksum) = (r, w, c);
                noteStart = 4;
            }
            var note = rest.Length > noteStart ? string.Join(' ', rest[noteStart..]) : null;
            result.Add(new VdevStatus(name, parent, cls, TypeOf(name), state ?? "UNKNOWN", read, write, cksum, note));
        }
        return result;
    }

    /// <summary>The vdev type from its name (<c>mirror-0</c> → <c>mirror</c>); devices are <c>file</c> (an absolute path outside /dev) or <c>disk</c>.</summary>
    public static string TypeOf(string name)
    {
        if (GroupName().Match(name) is { Success: true } m)
        {
            return m.Groups["type"].Value;
        }
        return name.StartsWith('/') && !name.StartsWith("/dev/", StringComparison.Ordinal) ? "file" : "disk";
    }

    /// <summary>A <c>ctime()</c> time (<c>Thu Dec  3 12:15:19 2026</c>) printed with <c>TZ=UTC0</c>.</summary>
    public static DateTimeOffset? Time(string ctime)
    {
        var text = Spaces().Replace(ctime.Trim(), " ");
        return DateTime.TryParseExact(text, "ddd MMM d HH:mm:ss yyyy", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? new DateTimeOffset(t, TimeSpan.Zero)
            : null;
    }

    /// <summary>A count: exact (<c>-p</c>, or below 1000) or rounded (<c>1.2K</c>).</summary>
    private static long? Count(string text) => Bytes(text);

    /// <summary>A byte count as zfs prints it: <c>0B</c>, <c>512</c>, <c>1.50M</c> (rounded values are approximate).</summary>
    private static long? Bytes(string text) =>
        ZfsProperties.TryParseSize(text, out var n) && n <= long.MaxValue ? (long)n : null;

    [GeneratedRegex(@"\A *(?<label>[a-z]+):(?: (?<text>.*))?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Label();

    [GeneratedRegex(@"\x1b\[[0-9;]*m", RegexOptions.CultureInvariant)]
    private static partial Regex Ansi();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\A(?<type>mirror|raidz[1-3]?|draid[1-3]?|replacing|spare|indirect)(?::[^-]*)?-[0-9]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex GroupName();

    // OpenZFS: "scrub repaired 0B in 00:00:01 with 0 errors on Sun Nov 30 00:24:03 2025" (0.7: "in 0h0m").
    [GeneratedRegex(@"\Ascrub repaired (?<repaired>\S+) in .+ with (?<errors>[0-9]+) errors on (?<time>.+)\z", RegexOptions.CultureInvariant)]
    private static partial Regex Finished();

    [GeneratedRegex(@"\Ascrub canceled on (?<time>.+)\z", RegexOptions.CultureInvariant)]
    private static partial Regex Canceled();

    [GeneratedRegex(@"\Ascrub in progress since (?<time>.+)\z", RegexOptions.CultureInvariant)]
    private static partial Regex InProgress();

    [GeneratedRegex(@"\Ascrub paused since .+\z", RegexOptions.CultureInvariant)]
    private static partial Regex Paused();

    [GeneratedRegex(@"\Ascrub started on (?<time>.+)\z", RegexOptions.CultureInvariant)]
    private static partial Regex StartedOn();

    // "0B repaired, 15.00% done, 00:01:02 to go" on a continuation line of a running scrub.
    [GeneratedRegex(@"\A(?<repaired>\S+) repaired,", RegexOptions.CultureInvariant)]
    private static partial Regex InProgressRepaired();

    // zfs-fuse: "scrub completed after 0h0m with 0 errors on Thu Dec  3 12:15:19 2026" ("stopped" when canceled).
    [GeneratedRegex(@"\Ascrub (?<how>completed|stopped) after [0-9]+h[0-9]+m with (?<errors>[0-9]+) errors on (?<time>.+)\z", RegexOptions.CultureInvariant)]
    private static partial Regex LegacyEnded();

    // zfs-fuse: "scrub in progress for 0h1m, 12.34% done, 0h5m to go".
    [GeneratedRegex(@"\Ascrub in progress for ", RegexOptions.CultureInvariant)]
    private static partial Regex LegacyInProgress();
}
