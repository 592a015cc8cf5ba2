using System.Text.Json;
using Homelab.Provider.Kit;

namespace Homelab.Provider.Restic;

/// <summary>One snapshot as <c>restic snapshots --json</c> lists it.</summary>
internal sealed record ResticSnapshot(string Id, string ShortId, DateTimeOffset Time);

/// <summary>
/// The two read-only restic calls of <c>homelab_restic_snapshots</c> and the parsers of their JSON:
/// <c>snapshots --json --tag=homelab-job=&lt;job&gt; --host=&lt;host&gt;</c> (the job's identity,
/// docs/design/restic-jobs.md; the <c>=</c> form, so a host starting with <c>-</c> stays a value) and, for the size, <c>stats --json --mode restore-size &lt;id&gt;</c>
/// of the newest snapshot: restic 0.14's <c>snapshots --json</c> carries no summary (that came with
/// 0.17), so the size takes a second call.
/// </summary>
internal static class ResticSnapshotList
{
    public static IReadOnlyList<string> Arguments(string identityTag, string host) =>
        ["snapshots", "--json", "--tag=" + identityTag, "--host=" + host];

    public static IReadOnlyList<string> StatsArguments(string snapshotId) =>
        ["stats", "--json", "--mode", "restore-size", snapshotId];

    /// <summary>The snapshots in <paramref name="json"/>, oldest first (by time, then id). Throws <see cref="FormatException"/> for anything but restic's list.</summary>
    public static IReadOnlyList<ResticSnapshot> Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var snapshots = new List<ResticSnapshot>();
        try
        {
            using var doc = JsonDocument.Parse(json.Trim().Length == 0 ? "[]" : json);
            if (doc.RootElement.ValueKind == JsonValueKind.Null)
            {
                return [];
            }
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("restic snapshots --json printed no list.");
            }
            foreach (var s in doc.RootElement.EnumerateArray())
            {
                var id = String(s, "id") is { } i && IsHexId(i) ? i : throw new FormatException("a snapshot has no hexadecimal id.");
                var time = String(s, "time") is { } t && Rfc3339.Parse(t) is { } parsed
                    ? parsed
                    : throw new FormatException($"snapshot {id} has no readable time.");
                var shortId = String(s, "short_id") ?? id[..Math.Min(8, id.Length)];
                snapshots.Add(new ResticSnapshot(id, shortId, time));
            }
        }
        catch (JsonException ex)
        {
            throw new FormatException("restic snapshots --json printed no JSON: " + ex.Message, ex);
        }
        return [.. snapshots.OrderBy(s => s.Time).ThenBy(s => s.Id, StringComparer.Ordinal)];
    }

    /// <summary><c>total_size</c> of <c>restic stats --json</c>, or null when the output has none.</summary>
    public static long? ParseTotalSize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("total_size", out var size)
                && size.ValueKind == JsonValueKind.Number
                && size.TryGetInt64(out var bytes) && bytes >= 0
                ? bytes
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsHexId(string id) => id.Length is >= 8 and <= 64 && id.All(char.IsAsciiHexDigitLower);

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;
}
