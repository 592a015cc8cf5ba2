using Homelab.Provider.Framework.Values;
using Homelab.Provider.Zfs;

namespace Homelab.Provider.Tests.Zfs;

/// <summary>
/// <c>homelab_snapshots</c> without a host: the <c>zfs get</c> output is reduced to the dataset's
/// own snapshots in a defined order, sanoid periods are recognised only in sanoid's exact name
/// format, and times are RFC 3339 UTC.
/// </summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class SnapshotListingTests
{
    private static string Line(string name, string property, string value) => $"{name}\t{property}\t{value}\n";

    private static string Snap(string name, long creation, long txg) =>
        Line(name, "creation", creation.ToString(System.Globalization.CultureInfo.InvariantCulture))
        + Line(name, "createtxg", txg.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static long Count(TfValue state) =>
        state.GetNumber("snapshot_count").Get().TryGetInt64(out var n) ? n : throw new InvalidOperationException("count is not an integer");

    [Fact]
    public void Only_the_datasets_own_snapshots_are_kept()
    {
        var output = Snap("tank/ds", 100, 1)
            + Snap("tank/ds@a", 200, 5)
            + Snap("tank/ds/child", 150, 3)
            + Snap("tank/ds/child@b", 300, 9)
            + Snap("tank/ds2@c", 300, 10)   // a sibling whose name starts with the dataset's
            + Snap("tank/ds@", 300, 11);    // no snapshot name: ignored
        var snapshots = SnapshotListing.Parse("tank/ds", output);
        Assert.Equal(["a"], snapshots.Select(s => s.Name));
    }

    [Fact]
    public void Snapshots_of_the_same_second_are_ordered_by_createtxg_then_name()
    {
        var output = Snap("tank/ds@z", 500, 7)
            + Snap("tank/ds@y", 500, 8)
            + Snap("tank/ds@b", 500, 8)
            + Snap("tank/ds@old", 400, 2);
        var snapshots = SnapshotListing.Parse("tank/ds", output);
        Assert.Equal(["old", "z", "b", "y"], snapshots.Select(s => s.Name));
    }

    [Fact]
    public void Odd_snapshot_names_and_CRLF_lines_are_read_verbatim()
    {
        var output = Snap("tank/ds@with:colon.and-dash", 10, 1).Replace("\n", "\r\n", StringComparison.Ordinal)
            + Snap("tank/ds@autosnap_2026-12-01_10:00:00_hourly", 20, 2)
            + "garbage line without tabs\n"
            + Line("tank/ds@broken", "creation", "not-a-number");
        var snapshots = SnapshotListing.Parse("tank/ds", output);
        Assert.Equal(["with:colon.and-dash", "autosnap_2026-12-01_10:00:00_hourly"], snapshots.Select(s => s.Name));
        Assert.Equal([10L, 20L], snapshots.Select(s => s.Creation));
    }

    public static TheoryData<string, string?> Names => new()
    {
        { "autosnap_2026-12-01_10:00:00_hourly", "hourly" },
        { "autosnap_2026-12-01_00:00:00_frequently", "frequently" },
        { "autosnap_2026-12-01_00:00:00_daily", "daily" },
        { "autosnap_2026-12-01_00:00:00_weekly", "weekly" },
        { "autosnap_2026-12-01_00:00:00_monthly", "monthly" },
        { "autosnap_2026-12-01_00:00:00_yearly", "yearly" },
        { "autosnap_2026-12-01_10:00:00_hourly\n", null },
        { "autosnap_2026-12-01_10:00:00_hourlyx", null },
        { "autosnap_2026-12-01_10:00:00_Hourly", null },
        { "autosnap_2026-12-01_10:00:00_", null },
        { "autosnap_2026-12-01_hourly", null },
        { "xautosnap_2026-12-01_10:00:00_hourly", null },
        { "syncoid_host_2026-12-01:10:00:00-GMT00:00", null },
        { "autosnap_2026-12-01_10:00:00_hourly_daily", null },
        { "hourly", null },
        { "", null },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void A_period_is_read_only_from_sanoids_exact_name_format(string name, string? period) =>
        Assert.Equal(period, SnapshotListing.PeriodOf(name));

    [Theory]
    [InlineData(0L, "1970-01-01T00:00:00Z")]
    [InlineData(1796292900L, "2026-12-03T10:15:00Z")]
    public void Times_are_RFC_3339_UTC(long unix, string expected) =>
        Assert.Equal(expected, SnapshotListing.Rfc3339(unix));

    [Fact]
    public void The_summary_has_the_newest_overall_and_per_period_and_nulls_when_empty()
    {
        var config = TfValue.Object(SnapshotsSchema.Schema.ImpliedType, [KeyValuePair.Create("dataset", TfValue.String("tank/ds"))]);
        var snapshots = new List<Snapshot>
        {
            new("autosnap_2026-12-01_00:00:00_daily", 1000, 1),
            new("autosnap_2026-12-01_01:00:00_hourly", 2000, 2),
            new("autosnap_2026-12-01_02:00:00_hourly", 3000, 3),
            new("manual", 4000, 4),
        };
        var state = SnapshotsDataSource.Summarise(config, snapshots);
        Assert.Equal(4, Count(state));
        Assert.Equal("manual", state.GetString("newest_name").Get());
        Assert.Equal(SnapshotListing.Rfc3339(4000), state.GetString("newest_time").Get());
        Assert.Equal(SnapshotListing.Rfc3339(1000), state.GetString("oldest_time").Get());
        Assert.Equal(
            new Dictionary<string, string> { ["daily"] = SnapshotListing.Rfc3339(1000), ["hourly"] = SnapshotListing.Rfc3339(3000) },
            state.GetStringMap("newest_by_period").Get());

        var empty = SnapshotsDataSource.Summarise(config, []);
        Assert.Equal(0, Count(empty));
        Assert.True(empty["newest_name"].IsNull);
        Assert.True(empty["newest_time"].IsNull);
        Assert.True(empty["oldest_time"].IsNull);
        Assert.Empty(empty.GetStringMap("newest_by_period").Get());
    }
}
