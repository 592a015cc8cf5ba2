using System.Globalization;

namespace Homelab.Provider.Kit;

/// <summary>
/// An existing dataset as a destroy sees it: its <c>used</c> bytes, the children, snapshots and
/// bookmarks a recursive destroy would remove, and why it may not be destroyed at all (Incus owns
/// it or something inside it), if so.
/// </summary>
internal sealed record DatasetContents(string Name, long? UsedBytes, IReadOnlyList<string> Dependents, string? IncusProblem)
{
    /// <summary>"tank/a (1.5 MiB used, 2 snapshots and 1 child dataset: tank/a@x, …)" for diagnostics.</summary>
    public string Describe()
    {
        var snapshots = Dependents.Count(d => d.Contains('@', StringComparison.Ordinal) || d.Contains('#', StringComparison.Ordinal));
        var children = Dependents.Count - snapshots;
        var parts = new List<string>();
        if (UsedBytes is { } used)
        {
            parts.Add($"{Size(used)} used");
        }
        parts.Add(Dependents.Count == 0
            ? "no snapshots or child datasets"
            : $"{Count(snapshots, "snapshot")} and {Count(children, "child dataset")}: {Shown(Dependents)}");
        return $"{Name} ({string.Join(", ", parts)})";
    }

    /// <summary>The first ten names, then how many more.</summary>
    public static string Shown(IReadOnlyList<string> names) =>
        string.Join(", ", names.Take(10)) + (names.Count > 10 ? $" and {names.Count - 10} more" : "");

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    /// <summary>Binary units as <c>zfs list</c> prints them, e.g. <c>1.5 MiB</c>.</summary>
    private static string Size(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
        var value = (double)bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes} B")
            : string.Create(CultureInfo.InvariantCulture, $"{value:0.#} {units[unit]}");
    }
}
