using Homelab.Provider.Framework.Values;
using Homelab.Provider.Zfs;

namespace Homelab.Provider.Tests.Zfs;

/// <summary>
/// <c>homelab_zpool</c> without a host: the text of <c>zpool status</c> as OpenZFS 2.x and
/// zfs-fuse print it (vdev table with sections, scan lines in every state), and
/// <c>zpool list -H</c> with and without <c>-p</c>, become the data source's state.
/// </summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class ZpoolStatusTests
{
    /// <summary>OpenZFS 2.2 <c>zpool status -p tank</c>: a degraded raidz2 plus log, cache and spare devices.</summary>
    private const string OpenZfsDegraded =
        "  pool: tank\n" +
        " state: DEGRADED\n" +
        "status: One or more devices could not be used because the label is missing or\n" +
        "\tinvalid.  Sufficient replicas exist for the pool to continue\n" +
        "\tfunctioning in a degraded state.\n" +
        "action: Replace the device using 'zpool replace'.\n" +
        "   see: https://openzfs.github.io/openzfs-docs/msg/ZFS-8000-4J\n" +
        "  scan: scrub repaired 1.50M in 02:13:45 with 0 errors on Sun Nov 29 03:37:45 2026\n" +
        "config:\n" +
        "\n" +
        "\tNAME                                  STATE     READ WRITE CKSUM\n" +
        "\ttank                                  DEGRADED     0     0     0\n" +
        "\t  raidz2-0                            DEGRADED     0     0     0\n" +
        "\t    ata-WDC_WD40EFRX-68N32N0_WD-1     ONLINE       0     0     0\n" +
        "\t    ata-WDC_WD40EFRX-68N32N0_WD-2     ONLINE       3     0    12  too many errors\n" +
        "\t    9876543210123456789               UNAVAIL      0     0     0  was /dev/disk/by-id/ata-WDC_WD40EFRX-68N32N0_WD-3-part1\n" +
        "\t    ata-WDC_WD40EFRX-68N32N0_WD-4     ONLINE       0     0     0\n" +
        "\tlogs\t\n" +
        "\t  mirror-1                            ONLINE       0     0     0\n" +
        "\t    nvme0n1p1                         ONLINE       0     0     0\n" +
        "\t    nvme1n1p1                         ONLINE       0     0     0\n" +
        "\tcache\n" +
        "\t  nvme0n1p2                           ONLINE       0     0     0\n" +
        "\tspares\n" +
        "\t  sdf                                 AVAIL   \n" +
        "\n" +
        "errors: No known data errors\n";

    [Fact]
    public void OpenZFS_vdevs_come_with_parent_class_type_state_counters_and_note()
    {
        var status = ZpoolStatus.Parse(OpenZfsDegraded);
        Assert.Equal("DEGRADED", status.State);
        Assert.Equal("No known data errors", status.Errors);
        Assert.Equal(
            [
                new VdevStatus("raidz2-0", null, "data", "raidz2", "DEGRADED", 0, 0, 0, null),
                new VdevStatus("ata-WDC_WD40EFRX-68N32N0_WD-1", "raidz2-0", "data", "disk", "ONLINE", 0, 0, 0, null),
                new VdevStatus("ata-WDC_WD40EFRX-68N32N0_WD-2", "raidz2-0", "data", "disk", "ONLINE", 3, 0, 12, "too many errors"),
                new VdevStatus("9876543210123456789", "raidz2-0", "data", "disk", "UNAVAIL", 0, 0, 0, "was /dev/disk/by-id/ata-WDC_WD40EFRX-68N32N0_WD-3-part1"),
                new VdevStatus("ata-WDC_WD40EFRX-68N32N0_WD-4", "raidz2-0", "data", "disk", "ONLINE", 0, 0, 0, null),
                new VdevStatus("mirror-1", null, "log", "mirror", "ONLINE", 0, 0, 0, null),
                new VdevStatus("nvme0n1p1", "mirror-1", "log", "disk", "ONLINE", 0, 0, 0, null),
                new VdevStatus("nvme1n1p1", "mirror-1", "log", "disk", "ONLINE", 0, 0, 0, null),
                new VdevStatus("nvme0n1p2", null, "cache", "disk", "ONLINE", 0, 0, 0, null),
                new VdevStatus("sdf", null, "spare", "disk", "AVAIL", null, null, null, null),
            ],
            status.Vdevs);
        Assert.Equal(new ScrubStatus("finished", null, new DateTimeOffset(2026, 11, 29, 3, 37, 45, TimeSpan.Zero), 1572864, 0), status.Scrub);
    }

    [Fact]
    public void A_replacing_vdev_nests_three_deep_and_rounded_counters_read_as_bytes()
    {
        var text =
            "  pool: rpool\n" +
            " state: ONLINE\n" +
            "  scan: resilver in progress since Thu Dec  3 11:00:00 2026\n" +
            "\t10.2G / 20.4G scanned at 120M/s, 9.1G / 20.4G issued at 100M/s\n" +
            "\t9.1G resilvered, 44.61% done, 00:01:55 to go\n" +
            "config:\n" +
            "\n" +
            "\tNAME             STATE     READ WRITE CKSUM\n" +
            "\trpool            ONLINE       0     0     0\n" +
            "\t  mirror-0       ONLINE       0     0     0\n" +
            "\t    sda          ONLINE       0     0     0\n" +
            "\t    replacing-1  ONLINE       0     0     0\n" +
            "\t      sdb        ONLINE    1.2K     0     0\n" +
            "\t      sdc        ONLINE       0     0     0  (resilvering)\n" +
            "\n" +
            "errors: No known data errors\n";
        var status = ZpoolStatus.Parse(text);
        Assert.Equal(["mirror-0", "sda", "replacing-1", "sdb", "sdc"], status.Vdevs.Select(v => v.Name));
        Assert.Equal([null, "mirror-0", "mirror-0", "replacing-1", "replacing-1"], status.Vdevs.Select(v => v.Parent));
        Assert.Equal("replacing", status.Vdevs[2].Type);
        Assert.Equal(1228, status.Vdevs[3].ReadErrors);
        Assert.Equal("(resilvering)", status.Vdevs[4].Note);
        // A resilver is not a scrub: ZFS keeps only the last scan.
        Assert.Equal(ScrubStatus.None, status.Scrub);
    }

    public static TheoryData<string, string> ScanLines => new()
    {
        { "  scan: none requested\n", "none|-|-|-|-" },
        { "", "none|-|-|-|-" },
        {
            "  scan: scrub repaired 0B in 1 days 02:03:04 with 2 errors on Tue Dec  1 09:05:07 2026\n",
            "finished|-|2026-12-01T09:05:07Z|0|2"
        },
        {
            // ZoL 0.7: minutes format.
            "  scan: scrub repaired 0B in 0h5m with 0 errors on Sun Jan 11 00:29:10 2026\n",
            "finished|-|2026-01-11T00:29:10Z|0|0"
        },
        {
            "  scan: scrub canceled on Wed Dec  2 22:10:00 2026\n",
            "canceled|-|2026-12-02T22:10:00Z|-|-"
        },
        {
            "  scan: scrub in progress since Thu Dec  3 10:00:00 2026\n" +
            "\t1.20T / 3.50T scanned at 500M/s, 1.00T / 3.50T issued at 420M/s\n" +
            "\t512K repaired, 28.57% done, 01:44:00 to go\n",
            "scanning|2026-12-03T10:00:00Z|-|524288|-"
        },
        {
            "  scan: scrub paused since Thu Dec  3 11:00:00 2026\n" +
            "\tscrub started on Thu Dec  3 10:00:00 2026\n" +
            "\t1.20T / 3.50T scanned, 1.00T / 3.50T issued\n" +
            "\t0B repaired, 28.57% done\n",
            "paused|2026-12-03T10:00:00Z|-|0|-"
        },
        {
            // OpenZFS 2.2: a finished scrub, then the resilver that followed it.
            "  scan: scrub repaired 0B in 00:00:10 with 0 errors on Mon Nov 30 01:00:00 2026\n" +
            "  scan: resilvered 1.1G in 00:02:00 with 0 errors on Tue Dec  1 01:00:00 2026\n",
            "finished|-|2026-11-30T01:00:00Z|0|0"
        },
        {
            " scrub: scrub completed after 0h0m with 0 errors on Thu Dec  3 12:15:19 2026\n",
            "finished|-|2026-12-03T12:15:19Z|-|0"
        },
        {
            " scrub: scrub stopped after 0h3m with 0 errors on Thu Dec  3 12:15:19 2026\n",
            "canceled|-|2026-12-03T12:15:19Z|-|0"
        },
        { " scrub: scrub in progress for 0h1m, 12.34% done, 0h5m to go\n", "scanning|-|-|-|-" },
        { " scrub: none requested\n", "none|-|-|-|-" },
        { " scrub: resilver completed after 0h0m with 0 errors on Thu Dec  3 12:15:19 2026\n", "none|-|-|-|-" },
    };

    [Theory]
    [MemberData(nameof(ScanLines))]
    public void Every_scan_line_form_gives_the_last_scrub(string scan, string expected)
    {
        var text = "  pool: tank\n state: ONLINE\n" + scan + "config:\n\n\tNAME  STATE  READ WRITE CKSUM\n\ttank  ONLINE  0 0 0\n\nerrors: No known data errors\n";
        Assert.Equal(expected, Render(ZpoolStatus.Parse(text).Scrub));
    }

    /// <summary><c>state|start|end|repaired|errors</c>, <c>-</c> for null.</summary>
    private static string Render(ScrubStatus s) =>
        string.Join('|', s.State, s.StartTime?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) ?? "-",
            s.EndTime?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) ?? "-",
            s.Repaired?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-", s.Errors?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-");

    /// <summary>zfs-fuse 0.7 (pool version 23), captured on this machine after <c>zpool offline</c>.</summary>
    [Fact]
    public void The_zfs_fuse_format_reads_the_same_way()
    {
        var text =
            "  pool: zdsprobe\n" +
            " state: DEGRADED\n" +
            "status: One or more devices has been taken offline by the administrator.\n" +
            "\tSufficient replicas exist for the pool to continue functioning in a\n" +
            "\tdegraded state.\n" +
            "action: Online the device using 'zpool online' or replace the device with\n" +
            "\t'zpool replace'.\n" +
            " scrub: scrub completed after 0h0m with 0 errors on Thu Dec  3 12:15:19 2026\n" +
            "config:\n" +
            "\n" +
            "\tNAME               STATE     READ WRITE CKSUM\n" +
            "\tzdsprobe           DEGRADED     0     0     0\n" +
            "\t  mirror-0         DEGRADED     0     0     0\n" +
            "\t    /tmp/zdsA.img  ONLINE       0     0     0\n" +
            "\t    /tmp/zdsB.img  OFFLINE      0     0     0\n" +
            "\n" +
            "errors: No known data errors\n";
        var status = ZpoolStatus.Parse(text.Replace("\n", "\r\n", StringComparison.Ordinal));
        Assert.Equal("DEGRADED", status.State);
        Assert.Equal(
            [
                new VdevStatus("mirror-0", null, "data", "mirror", "DEGRADED", 0, 0, 0, null),
                new VdevStatus("/tmp/zdsA.img", "mirror-0", "data", "file", "ONLINE", 0, 0, 0, null),
                new VdevStatus("/tmp/zdsB.img", "mirror-0", "data", "file", "OFFLINE", 0, 0, 0, null),
            ],
            status.Vdevs);
        Assert.Equal("finished", status.Scrub.State);
    }

    [Theory]
    [InlineData("mirror-0", "mirror")]
    [InlineData("raidz1-2", "raidz1")]
    [InlineData("raidz3-0", "raidz3")]
    [InlineData("draid2:8d:24c:2s-0", "draid2")]
    [InlineData("spare-1", "spare")]
    [InlineData("indirect-0", "indirect")]
    [InlineData("draid2-0-0", "disk")]
    [InlineData("sda", "disk")]
    [InlineData("/dev/sdb1", "disk")]
    [InlineData("/var/lib/pool.img", "file")]
    [InlineData("mirror", "disk")]
    public void The_vdev_type_follows_the_name(string name, string type) => Assert.Equal(type, ZpoolStatus.TypeOf(name));

    [Fact]
    public void Colour_codes_are_ignored()
    {
        var text = "  pool: tank\n state: \u001b[0;32mONLINE\u001b[0m\n  \u001b[1mscan:\u001b[0m none requested\nconfig:\n\n\tNAME  STATE  READ WRITE CKSUM\n\ttank  ONLINE  0 0 0\n\t  sda  \u001b[0;32mONLINE\u001b[0m  0 0 0\n\nerrors: No known data errors\n";
        var status = ZpoolStatus.Parse(text);
        Assert.Equal("ONLINE", status.State);
        Assert.Equal("ONLINE", Assert.Single(status.Vdevs).State);
        Assert.Equal(ScrubStatus.None, status.Scrub);
    }

    [Fact]
    public void Zpool_list_reads_exact_bytes_with_p_and_rounded_sizes_without()
    {
        Assert.Equal(
            new PoolUsage("ONLINE", 3985729650688, 1234567890, 3984495082798, 30, 7),
            ZpoolList.Parse("tank", "tank\t3985729650688\t1234567890\t3984495082798\t30\t7\tONLINE\n"));
        Assert.Equal(
            new PoolUsage("ONLINE", 3985729650688, 0, 3985729650688, 0, null),
            ZpoolList.Parse("tank", "tank\t3985729650688\t0\t3985729650688\t0\t-\tONLINE\n"));
        Assert.Equal(
            new PoolUsage("DEGRADED", 123 * 1024 * 1024, 580 * 1024, 122 * 1024 * 1024, 0, null),
            ZpoolList.Parse("zdsprobe", "zdsprobe\t123M\t580K\t122M\t0%\tDEGRADED\n"));
        Assert.Null(ZpoolList.Parse("tank", "other\t1\t1\t1\t1\t1\tONLINE\n"));
        Assert.Equal(["list", "-H", "-p", "-o", "name,size,allocated,free,capacity,fragmentation,health", "tank"], ZpoolList.Arguments("tank", literal: true));
    }

    [Fact]
    public void The_state_has_every_attribute_and_RFC_3339_times()
    {
        var config = TfValue.Object(ZpoolSchema.Schema.ImpliedType, [KeyValuePair.Create("name", TfValue.String("tank"))]);
        var reading = new PoolReading(ZpoolList.Parse("tank", "tank\t1000\t400\t600\t40\t-\tDEGRADED\n")!, ZpoolStatus.Parse(OpenZfsDegraded));
        var state = ZpoolDataSource.State(config, reading);
        Assert.Equal("DEGRADED", state.GetString("health").Get());
        Assert.Equal(TfValue.Number(1000), state["size"]);
        Assert.Equal(TfValue.Number(40), state["capacity"]);
        Assert.True(state["fragmentation"].IsNull);
        Assert.Equal("No known data errors", state.GetString("errors").Get());
        var vdevs = state["vdevs"].Elements;
        Assert.Equal(10, vdevs.Length);
        Assert.Equal("too many errors", vdevs[2]["note"].AsString());
        Assert.Equal(TfValue.Number(12), vdevs[2]["checksum_errors"]);
        Assert.True(vdevs[9]["read_errors"].IsNull);
        var scrub = state["scrub"];
        Assert.Equal("finished", scrub["state"].AsString());
        Assert.Equal("2026-11-29T03:37:45Z", scrub["end_time"].AsString());
        Assert.True(scrub["start_time"].IsNull);
        Assert.Equal(TfValue.Number(1572864), scrub["repaired"]);
    }
}
