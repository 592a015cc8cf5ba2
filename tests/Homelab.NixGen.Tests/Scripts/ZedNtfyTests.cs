using Homelab.NixGen.Tests.TestKit;
using Homelab.Testing;

namespace Homelab.NixGen.Tests.Scripts;

/// <summary>
/// The rendered zedlet (zed-ntfy.sh) run as ZED runs it: the event in ZEVENT_* variables, ZPOOL
/// naming the zpool tool, a real zfs-fuse mirror pool, and failure-notify.sh posting to the stand-in.
/// </summary>
[Trait(Tier.Name, Tier.Host)]
public sealed class ZedNtfyTests : IDisposable
{
    private readonly RenderedScripts _scripts = new();
    private readonly NotifyHost _host;
    private readonly FakeNtfyServer _ntfy = new();

    public ZedNtfyTests()
    {
        _host = new NotifyHost(_scripts);
        _host.Target("ops", _ntfy.Url, "alerts");
    }

    public void Dispose()
    {
        _ntfy.Dispose();
        _host.Dispose();
        _scripts.Dispose();
    }

    [Fact]
    public void A_vdev_that_faults_is_posted_once_per_window_with_the_pool_status()
    {
        using var pool = new MirrorPool();
        ProcessRunner.Check("zpool", "offline", pool.Name, pool.Devices[1]);

        var first = Zed(StateChange(pool, "DEGRADED"));
        var second = Zed(StateChange(pool, "DEGRADED"));

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        var alert = Assert.Single(_ntfy.Requests);
        Assert.EndsWith($": pool {pool.Name} statechange DEGRADED", alert.Headers["Title"], StringComparison.Ordinal);
        Assert.Equal("high", alert.Headers["Priority"]);
        var body = alert.BodyText;
        Assert.Contains($"event: sysevent.fs.zfs.statechange (eid 42) at 2026-12-03 12:00:00+0000\n", body, StringComparison.Ordinal);
        Assert.Contains($"vdev: {pool.Devices[1]} DEGRADED\n", body, StringComparison.Ordinal);
        Assert.Contains("== zpool status ==", body, StringComparison.Ordinal);
        Assert.Contains("DEGRADED", body[body.IndexOf("== zpool status ==", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.Contains("counted, not sent", second.Stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(_host.State($"alerts/zfs-zed-{pool.Name}-statechange.state")));
    }

    [Fact]
    public void Scrub_results_are_posted_only_when_the_pool_is_not_healthy()
    {
        using var pool = new MirrorPool();

        Assert.Equal(0, Zed(Event(pool, "scrub_finish")).ExitCode);
        Assert.Empty(_ntfy.Requests);

        ProcessRunner.Check("zpool", "offline", pool.Name, pool.Devices[0]);
        Assert.Equal(0, Zed(Event(pool, "scrub_finish")).ExitCode);

        var alert = Assert.Single(_ntfy.Requests);
        Assert.EndsWith($": pool {pool.Name} scrub_finish with problems", alert.Headers["Title"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("statechange", "ONLINE")]
    [InlineData("statechange", "OFFLINE")]
    [InlineData("pool_import", "")]
    [InlineData("history_event", "")]
    [InlineData("config_sync", "")]
    public void Routine_events_are_not_posted(string subclass, string state)
    {
        var result = Zed(new Dictionary<string, string?>
        {
            ["ZEVENT_SUBCLASS"] = subclass,
            ["ZEVENT_CLASS"] = "sysevent.fs.zfs." + subclass,
            ["ZEVENT_POOL"] = "tank",
            ["ZEVENT_VDEV_STATE_STR"] = state,
        });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(_ntfy.Requests);
    }

    [Fact]
    public void Checksum_errors_go_to_targets_that_watch_zfs_zed_and_carry_the_counts()
    {
        using var phone = new FakeNtfyServer();
        _host.Target("phone", phone.Url, "phone", "NTFY_UNITS=\"homelab-* zfs-zed\"\n");
        using var jobs = new FakeNtfyServer();
        _host.Target("jobs", jobs.Url, "jobs", "NTFY_UNITS=homelab-*\n");

        var result = Zed(new Dictionary<string, string?>
        {
            ["ZEVENT_SUBCLASS"] = "checksum",
            ["ZEVENT_CLASS"] = "ereport.fs.zfs.checksum",
            ["ZEVENT_POOL"] = "tank",
            ["ZEVENT_VDEV_PATH"] = "/dev/disk/by-id/ata-disk1-part1",
            ["ZEVENT_VDEV_READ_ERRORS"] = "0",
            ["ZEVENT_VDEV_WRITE_ERRORS"] = "0",
            ["ZEVENT_VDEV_CKSUM_ERRORS"] = "17",
            ["ZPOOL"] = "true", // no such pool here: the status section is empty, the alert still goes out
        });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Single(_ntfy.Requests); // NTFY_UNITS empty: everything
        Assert.Empty(jobs.Requests);
        var alert = Assert.Single(phone.Requests);
        Assert.EndsWith(": pool tank checksum error", alert.Headers["Title"], StringComparison.Ordinal);
        Assert.Contains("errors: read 0, write 0, checksum 17\n", alert.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hostile_pool_name_stays_in_its_header_and_never_becomes_a_path()
    {
        var hostile = "../x\nX-Evil: 1\r\"%s\\";
        var result = Zed(new Dictionary<string, string?>
        {
            ["ZEVENT_SUBCLASS"] = "io",
            ["ZEVENT_POOL"] = hostile,
            ["ZPOOL"] = "true",
        });

        Assert.True(result.ExitCode == 0, result.ToString());
        var alert = Assert.Single(_ntfy.Requests);
        Assert.False(alert.Headers.ContainsKey("X-Evil"));
        Assert.EndsWith(": pool ../x X-Evil: 1 \"%s\\ io error", alert.Headers["Title"], StringComparison.Ordinal);
        Assert.Equal(["zfs-zed-.._x_X-Evil:_1___s_-io.state"], Directory.GetFiles(_host.State("alerts"), "*.state").Select(Path.GetFileName));
    }

    private ProcessResult Zed(Dictionary<string, string?> zevent)
    {
        var environment = new Dictionary<string, string?>(zevent)
        {
            ["HOMELAB_NOTIFY"] = _scripts.PathOf("failure-notify.sh"),
            ["PATH"] = Environment.GetEnvironmentVariable("PATH") + ":/usr/sbin:/sbin",
        };
        environment.TryAdd("ZPOOL", "zpool");
        return _host.Run("zed-ntfy.sh", [], stdin: "", more: environment);
    }

    private static Dictionary<string, string?> Event(MirrorPool pool, string subclass) => new()
    {
        ["ZEVENT_EID"] = "42",
        ["ZEVENT_CLASS"] = "sysevent.fs.zfs." + subclass,
        ["ZEVENT_SUBCLASS"] = subclass,
        ["ZEVENT_POOL"] = pool.Name,
        ["ZEVENT_TIME_STRING"] = "2026-12-03 12:00:00+0000",
    };

    private static Dictionary<string, string?> StateChange(MirrorPool pool, string state)
    {
        var zevent = Event(pool, "statechange");
        zevent["ZEVENT_VDEV_PATH"] = pool.Devices[1];
        zevent["ZEVENT_VDEV_STATE_STR"] = state;
        return zevent;
    }
}
