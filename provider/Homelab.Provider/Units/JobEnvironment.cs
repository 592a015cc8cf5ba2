namespace Homelab.Provider.Units;

/// <summary>
/// Environment every job unit of the provider runs with. <c>TZ=UTC</c>: sanoid names snapshots
/// and syncoid names sync snapshots by local time, and restic buckets <c>--keep-daily</c>/
/// <c>--keep-hourly</c> by local time, so a DST change would skip or double an hour of names and
/// retention buckets twice a year. UTC never jumps (nixpkgs' own sanoid, syncoid and restic
/// modules run them the same way, and nixgen's <c>homelab-sanoid</c> matches).
/// </summary>
internal static class JobEnvironment
{
    /// <summary>The unit line, with its newline, for the <c>[Service]</c> section.</summary>
    public const string TimeZoneLine = "Environment=TZ=UTC\n";
}
