using Homelab.Provider.Tests.Sanoid;
using Homelab.Provider.Tests.TestKit;
using Homelab.Provider.Units;

namespace Homelab.Provider.Tests.Syncoid;

/// <summary>homelab_syncoid_job through the real terraform and provider; its unit's ExecStart runs real syncoid between zfs-fuse pools.</summary>
[Trait(Tier.Name, Tier.Acceptance)]
public sealed class SyncoidJobAcceptanceTests : IDisposable
{
    private readonly SnapshotHost _host = new();
    private readonly ZfsPool _source = new();
    private readonly ZfsPool _backup = new();

    public void Dispose()
    {
        _host.Dispose();
        _source.Dispose();
        _backup.Dispose();
    }

    private string Units(string name) => Path.Combine(_host.StateDir, "units", name);

    private static IReadOnlyList<string> ExecStart(string service) => Assert.Single(SystemdUnits.ExecStarts(service));

    [Fact]
    public void Job_lifecycle_replicates_full_then_incremental_and_destroy_keeps_the_replica()
    {
        ZfsPool.Zfs("create", _source.Name + "/persistent");
        var ws = _host.Workspace;
        ws.WriteConfig($$"""
            resource "homelab_sanoid_policy" "p" {
              name     = "persistent"
              datasets = ["{{_source.Name}}/persistent"]
              hourly   = 24
              daily    = 30
              monthly  = 6
            }
            resource "homelab_syncoid_job" "replica" {
              name                = "replica"
              description         = "persistent to the backup disk (100% of it)"
              source              = "{{_source.Name}}/persistent"
              target              = "{{_backup.Name}}/persistent"
              privilege_elevation = false
            }
            """);
        var apply = ws.Apply();
        Assert.Contains("systemd is not running", apply.Stdout + apply.Stderr, StringComparison.Ordinal);

        var service = File.ReadAllText(Units("homelab-syncoid-replica.service"));
        var timer = File.ReadAllText(Units("homelab-syncoid-replica.timer"));
        Assert.Contains("OnFailure=failure-notify@%n.service", service, StringComparison.Ordinal);
        Assert.Contains("Type=oneshot", service, StringComparison.Ordinal);
        Assert.Contains("OnCalendar=*:0/30\n", timer, StringComparison.Ordinal);
        Assert.Contains("WantedBy=timers.target", timer, StringComparison.Ordinal);
        var values = ws.ResourceValues("homelab_syncoid_job.replica")!.Value;
        Assert.Equal("homelab-syncoid-replica.service", values.GetProperty("unit_name").GetString());
        Assert.Equal(service, values.GetProperty("service_content").GetString());

        // The unit files pass systemd's own checks.
        var verify = ProcessRunner.Run("systemd-analyze", "verify", Units("homelab-syncoid-replica.service"), Units("homelab-syncoid-replica.timer"));
        Assert.True(verify.ExitCode == 0 && verify.Stderr.Length == 0, verify.Stdout + verify.Stderr);

        // Sanoid snapshots, then the unit's command line replicates them.
        Assert.Equal(0, _host.RunSanoidCron().ExitCode);
        var argv = ExecStart(service);
        Assert.EndsWith("syncoid", argv[0], StringComparison.Ordinal);
        Assert.Equal(["--no-privilege-elevation", $"{_source.Name}/persistent", $"{_backup.Name}/persistent"], argv.Skip(1));
        var first = _host.RunUnit("homelab-syncoid-replica.service");
        Assert.True(first.ExitCode == 0, first.Stdout + first.Stderr);
        Assert.Contains("full", first.Stdout + first.Stderr, StringComparison.Ordinal);
        var replicated = SnapshotHost.Snapshots($"{_backup.Name}/persistent");
        Assert.Contains(replicated, s => s.EndsWith("_daily", StringComparison.Ordinal) && s.StartsWith("autosnap_", StringComparison.Ordinal));
        Assert.Contains(replicated, s => s.StartsWith("syncoid_", StringComparison.Ordinal));

        // Second run: incremental from the newest common snapshot.
        Thread.Sleep(1100);
        ZfsPool.Zfs("snapshot", $"{_source.Name}/persistent@manual-between-runs");
        var second = _host.RunUnit("homelab-syncoid-replica.service");
        Assert.True(second.ExitCode == 0, second.Stdout + second.Stderr);
        Assert.Contains("incremental", second.Stdout + second.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("full", second.Stdout + second.Stderr, StringComparison.Ordinal);
        Assert.Contains("manual-between-runs", SnapshotHost.Snapshots($"{_backup.Name}/persistent"));

        // Drift: a hand edit of the timer shows up; apply restores it.
        File.WriteAllText(Units("homelab-syncoid-replica.timer"), timer.Replace("*:0/30", "daily", StringComparison.Ordinal));
        Assert.Contains("schedule", ws.PlanExpectChanges().Stdout, StringComparison.Ordinal);
        ws.Apply();
        Assert.Equal(timer, File.ReadAllText(Units("homelab-syncoid-replica.timer")));

        // Import by name recovers every attribute from the unit files.
        ws.Run("state", "rm", "homelab_syncoid_job.replica");
        ws.Import("homelab_syncoid_job.replica", "replica");

        // Destroy removes the units; replicas and snapshots stay.
        ws.Destroy();
        Assert.False(File.Exists(Units("homelab-syncoid-replica.service")));
        Assert.False(File.Exists(Units("homelab-syncoid-replica.timer")));
        Assert.True(ZfsPool.Exists($"{_backup.Name}/persistent"));
        Assert.NotEmpty(SnapshotHost.Snapshots($"{_backup.Name}/persistent"));
    }

    [Fact]
    public void Every_option_becomes_one_argv_word_and_the_units_pass_systemd_analyze_verify()
    {
        ZfsPool.Zfs("create", _source.Name + "/data");
        _host.Workspace.WriteConfig($$"""
            resource "homelab_syncoid_job" "all" {
              name             = "all-options"
              source           = "{{_source.Name}}/data"
              target           = "backup@nas.lan:tank/replica/data"
              recursive        = true
              skip_parent      = true
              sync_snapshot    = true
              keep_sync_snapshot = true
              identifier       = "offsite"
              exclude_datasets = ["cache$", "^{{_source.Name}}/data/tmp( |$)"]
              send_options     = "w"
              recv_options     = "o compression=lz4"
              compress         = "zstd-fast"
              source_bwlimit   = "50m"
              no_rollback      = true
              ssh_key          = "/root/.ssh/id_replica"
              ssh_port         = 2222
              ssh_options      = ["StrictHostKeyChecking=yes"]
              schedule         = "Mon..Fri 02:00"
              randomized_delay = "5m"
              persistent       = false
              max_age          = "1d 12h"
            }
            """);
        _host.Workspace.Apply();
        var service = File.ReadAllText(Units("homelab-syncoid-all-options.service"));
        Assert.Contains("\nOnSuccess=success-notify@%n.service\n# max_age: 1d 12h\nX-HomelabMaxAgeSec=129600\n", service, StringComparison.Ordinal);
        var argv = ExecStart(service);
        Assert.Equal(
            ["--recursive", "--skip-parent", "--keep-sync-snap", "--identifier=offsite", "--exclude=cache$", $"--exclude=^{_source.Name}/data/tmp( |$)",
             "--sendoptions=w", "--recvoptions=o compression=lz4", "--compress=zstd-fast", "--source-bwlimit=50m", "--no-rollback",
             "--sshkey=/root/.ssh/id_replica", "--sshport=2222", "--sshoption=StrictHostKeyChecking=yes",
             $"{_source.Name}/data", "backup@nas.lan:tank/replica/data"],
            argv.Skip(1));
        var verify = ProcessRunner.Run("systemd-analyze", "verify", Units("homelab-syncoid-all-options.service"), Units("homelab-syncoid-all-options.timer"));
        Assert.True(verify.ExitCode == 0 && verify.Stderr.Length == 0, verify.Stdout + verify.Stderr);
        _host.Workspace.Run("state", "rm", "homelab_syncoid_job.all");
        _host.Workspace.Import("homelab_syncoid_job.all", "all-options");
    }

    public static TheoryData<string, string> Hostile => new()
    {
        { "schedule = \"every half hour\"", "Invalid schedule" },
        { "schedule = \"*:0/30\\nExecStartPre=/bin/rm\"", "Cannot be written into a unit file" },
        { "description = \"nightly\\\\\"", "Cannot be written into a unit file" },
        { "description = \"a\\u2028OnFailure=\"", "Cannot be written into a unit file" },
        { "exclude_datasets = [\"a\\u202Eb\"]", "Invalid exclude pattern" },
        { "randomized_delay = \"5m; rm -rf /\"", "Invalid value" },
        { "identifier = \"a b\"", "Invalid value" },
        { "send_options = \"w; rm -rf /\"", "Invalid value" },
        { "ssh_options = [\"ProxyCommand=sh -c 'id'\"]", "Invalid ssh option" },
        { "use_hold = true", "syncoid does not support this option" },
        { "skip_parent = true", "skip_parent without recursive" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Hostile_input_is_a_diagnostic_and_no_unit_is_written(string extra, string summary)
    {
        ZfsPool.Zfs("create", _source.Name + "/data");
        _host.Workspace.WriteConfig($$"""
            resource "homelab_syncoid_job" "j" {
              name   = "hostile"
              source = "{{_source.Name}}/data"
              target = "{{_backup.Name}}/data"
              {{extra}}
            }
            """);
        var result = _host.Workspace.ApplyExpectError();
        Assert.Contains(summary, result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_host.StateDir, "units")) && Directory.EnumerateFiles(Path.Combine(_host.StateDir, "units")).Any());
    }

    [Theory]
    [InlineData("name = \"Bad.Name\"")]
    [InlineData("name = \"x@y\"")]
    [InlineData("name = \"replica\\n\"")]
    public void Job_names_that_would_need_unit_escaping_are_refused(string nameLine)
    {
        _host.Workspace.WriteConfig($$"""
            resource "homelab_syncoid_job" "j" {
              {{nameLine}}
              source = "{{_source.Name}}/data"
              target = "{{_backup.Name}}/data"
            }
            """);
        Assert.Contains("Invalid value", _host.Workspace.ApplyExpectError().Stderr, StringComparison.Ordinal);
    }
}
