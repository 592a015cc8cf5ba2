using Homelab.NixGen.Tests.TestKit;
using Homelab.Testing;

namespace Homelab.NixGen.Tests.Scripts;

/// <summary>
/// The rendered homelab-monitor.sh under bash: stale provider jobs from real unit and status files,
/// and real sanoid against a real zfs-fuse mirror pool, up to the alert on the ntfy stand-in.
/// </summary>
[Trait(Tier.Name, Tier.Host)]
public sealed class HomelabMonitorTests : IDisposable
{
    private const string Job = "homelab-syncoid-replica.service";
    private readonly RenderedScripts _scripts = new();
    private readonly NotifyHost _host;
    private readonly TempDir _scratch = new("hl-monitor");

    public HomelabMonitorTests()
    {
        _host = new NotifyHost(_scripts);
    }

    public void Dispose()
    {
        _scratch.Dispose();
        _host.Dispose();
        _scripts.Dispose();
    }

    [Fact]
    public void A_job_whose_last_success_is_older_than_its_max_age_fails_the_monitor_and_a_fresh_one_passes()
    {
        WriteUnit(Job, maxAge: 60, age: TimeSpan.FromDays(3));
        WriteUnit("homelab-restic-b2.service", maxAge: 7200, age: TimeSpan.FromDays(3));
        _host.Write($"status/{Job}.success", Rfc3339(DateTimeOffset.UtcNow.AddHours(-2)) + "\n");
        _host.Write("status/homelab-restic-b2.service.success", Rfc3339(DateTimeOffset.UtcNow.AddMinutes(-30)) + "\n");

        var stale = Monitor();

        Assert.Equal(1, stale.ExitCode);
        var line = Assert.Single(Lines(stale.Stdout));
        Assert.StartsWith($"stale job: {Job} last succeeded at ", line, StringComparison.Ordinal);
        Assert.EndsWith("(max 60s)", line, StringComparison.Ordinal);

        _host.Notify("--success", Job); // what success-notify@ does after the next run
        var fresh = Monitor();

        Assert.True(fresh.ExitCode == 0, fresh.ToString());
        Assert.Empty(fresh.Stdout);
        Assert.Contains("checked 2 job(s)", fresh.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_job_that_never_succeeded_is_aged_from_its_unit_file()
    {
        WriteUnit(Job, maxAge: 3600, age: TimeSpan.FromMinutes(10));
        Assert.Equal(0, Monitor().ExitCode); // just written: not stale yet

        WriteUnit(Job, maxAge: 3600, age: TimeSpan.FromHours(2));
        var result = Monitor();

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"stale job: {Job} has not succeeded since its unit file was written at ", Assert.Single(Lines(result.Stdout)), StringComparison.Ordinal);
    }

    [Fact]
    public void Only_provider_services_with_a_max_age_are_checked_and_an_unreadable_status_is_a_problem()
    {
        WriteUnit("homelab-restic-nomax.service", maxAge: null, age: TimeSpan.FromDays(30));
        WriteUnit("other-thing.service", maxAge: 1, age: TimeSpan.FromDays(30));
        _host.Write("units/homelab-syncoid-replica.timer", "[Timer]\nX-HomelabMaxAgeSec=1\n");
        File.SetLastWriteTimeUtc(_host.State("units/homelab-syncoid-replica.timer"), DateTime.UtcNow.AddDays(-30));
        Assert.Equal(0, Monitor().ExitCode);

        WriteUnit(Job, maxAge: 60, age: TimeSpan.FromDays(1));
        _host.Write($"status/{Job}.success", "yesterday-ish\n");
        var result = Monitor();

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"stale job: {Job}: {_host.State($"status/{Job}.success")} does not hold a time", Assert.Single(Lines(result.Stdout)));
    }

    [Fact]
    public void A_degraded_mirror_fails_the_monitor_and_the_alert_reaches_ntfy()
    {
        using var pool = new MirrorPool();
        using var ntfy = new FakeNtfyServer();
        _host.Target("ops", ntfy.Url, "alerts");
        WritePolicy(pool.Name, "\tmonitor = no\n"); // snapshots are not what this test is about

        var healthy = Monitor();
        Assert.True(healthy.ExitCode == 0, healthy.ToString());

        ProcessRunner.Check("zpool", "offline", pool.Name, pool.Devices[1]);
        var degraded = Monitor();

        Assert.Equal(1, degraded.ExitCode);
        var line = Assert.Single(Lines(degraded.Stdout));
        Assert.StartsWith("sanoid --monitor-health: WARNING: ", line, StringComparison.Ordinal);
        Assert.Contains($"ZPOOL {pool.Name} : DEGRADED", line, StringComparison.Ordinal);
        Assert.Contains($"{pool.Devices[1]}:OFFLINE", line, StringComparison.Ordinal);

        // systemd would now start failure-notify@homelab-monitor.service; the journal holds the
        // monitor's output (here: a journalctl that prints what the monitor printed).
        var journal = _scratch.Write("journal.txt", degraded.Stdout + degraded.Stderr);
        var bin = _scratch.Combine("bin");
        RenderedScripts.Shim(bin, "systemctl", "echo '× homelab-monitor.service - Homelab health checks'; echo '     Active: failed (Result: exit-code)'; exit 3");
        RenderedScripts.Shim(bin, "journalctl", $"cat '{journal}'");
        Directory.CreateDirectory(_scratch.Combine("run-systemd"));
        var notify = _host.Run("failure-notify.sh", ["homelab-monitor.service"], more: new Dictionary<string, string?>
        {
            ["HOMELAB_SYSTEMD_RUNTIME_DIR"] = _scratch.Combine("run-systemd"),
            ["PATH"] = RenderedScripts.PathWith(bin),
        });

        Assert.True(notify.ExitCode == 0, notify.ToString());
        var alert = Assert.Single(ntfy.Requests);
        Assert.EndsWith(": homelab-monitor.service failed", alert.Headers["Title"], StringComparison.Ordinal);
        Assert.Contains(line, alert.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_snapshot_warning_fails_the_monitor_only_when_fail_on_is_warning()
    {
        using var pool = new MirrorPool();
        WritePolicy(pool.Name, "\tfrequently = 0\n\thourly = 1\n\tdaily = 0\n\tweekly = 0\n\tmonthly = 0\n\tyearly = 0\n\thourly_warn = 1s\n\thourly_crit = 1d\n");
        var take = Sanoid("--take-snapshots");
        Assert.True(take.ExitCode == 0, take.ToString());
        Thread.Sleep(TimeSpan.FromSeconds(2)); // the hourly snapshot is now older than hourly_warn

        var critical = Monitor();
        Assert.True(critical.ExitCode == 0, critical.ToString());
        Assert.Contains("sanoid --monitor-snapshots: WARNING (not a failure with failOn=critical)", critical.Stderr, StringComparison.Ordinal);

        var warning = Monitor(failOn: "warning");
        Assert.Equal(1, warning.ExitCode);
        Assert.StartsWith($"sanoid --monitor-snapshots: WARNING: WARN: {pool.Name} newest hourly snapshot is ", Assert.Single(Lines(warning.Stdout)), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_sanoid_policy_the_sanoid_checks_are_skipped()
    {
        var result = Monitor(sanoid: "false");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("checks skipped", result.Stderr, StringComparison.Ordinal);
    }

    private void WriteUnit(string name, int? maxAge, TimeSpan age)
    {
        var path = _host.Write($"units/{name}",
            "[Unit]\nDescription=test job\nOnFailure=failure-notify@%n.service\nOnSuccess=success-notify@%n.service\n"
            + (maxAge is null ? "" : $"X-HomelabMaxAgeSec={maxAge}\n")
            + "\n[Service]\nType=oneshot\nExecStart=/bin/true\n");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow - age);
    }

    private void WritePolicy(string pool, string template) =>
        _host.Write("sanoid/sanoid.conf", $"[{pool}]\n\tuse_template = test\n\n[template_test]\n\tautosnap = yes\n\tautoprune = no\n{template}");

    private ProcessResult Sanoid(params string[] args) => ProcessRunner.Run(
        "sanoid",
        [.. args, "--configdir", _host.State("sanoid"), "--cache-dir", _scratch.Combine("cache"), "--run-dir", _scratch.Combine("run")],
        null,
        new Dictionary<string, string?> { ["PATH"] = MirrorPool.SanoidPath });

    private ProcessResult Monitor(string failOn = "critical", string sanoid = "sanoid") => _host.Run(
        "homelab-monitor.sh",
        ["--cache-dir", _scratch.Combine("cache"), "--run-dir", _scratch.Combine("run")],
        more: new Dictionary<string, string?>
        {
            ["HOMELAB_MONITOR_FAIL_ON"] = failOn,
            ["SANOID"] = sanoid,
            ["PATH"] = MirrorPool.SanoidPath,
        });

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static string Rfc3339(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
