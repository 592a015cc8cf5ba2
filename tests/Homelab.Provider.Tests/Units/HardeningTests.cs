using Homelab.Provider.Restic;
using Homelab.Provider.Syncoid;
using Homelab.Provider.Units;

namespace Homelab.Provider.Tests.Units;

/// <summary>How each job derives its sandbox from its settings, and that unit files read back to the same settings.</summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class HardeningTests
{
    [Theory]
    [InlineData("/home/alice", true)]
    [InlineData("/home", true)]
    [InlineData("/", true)]
    [InlineData("/root/.ssh/id_ed25519", true)]
    [InlineData("/run", true)]
    [InlineData("/homework", false)]
    [InlineData("/srv/data", false)]
    [InlineData("/run/zfs", false)]
    public void A_path_touches_home_when_it_lies_in_it_or_contains_it(string path, bool touches) =>
        Assert.Equal(touches, Hardening.Touches([path], Hardening.HomeDirectories));

    private static string Backup(ResticJob job) =>
        new ResticUnits(job, rel => "/state/" + rel, "/bin/restic", "/bin/flock").Files().Single(f => f.Name == "homelab-restic-j.service").Content;

    private static ResticJob Job(string repository = "/srv/backup", IReadOnlyList<string>? paths = null) =>
        new() { Name = "j", Repository = repository, Paths = paths ?? ["/srv/data"] };

    private static string[] Lines(string unit) => unit.Split('\n');

    [Fact]
    public void A_local_restic_job_writes_only_its_repository_and_has_no_network()
    {
        var unit = Lines(Backup(Job()));
        Assert.Contains("ReadWritePaths=-/srv/backup", unit);
        Assert.Contains("RestrictAddressFamilies=AF_UNIX", unit);
        Assert.Contains("ProtectHome=yes", unit);
        Assert.Contains("PrivateTmp=yes", unit);
        Assert.Contains("PrivateDevices=yes", unit);
        Assert.Contains("CapabilityBoundingSet=CAP_DAC_READ_SEARCH", unit);
        Assert.DoesNotContain(unit, l => l.StartsWith("User=", StringComparison.Ordinal) || l.StartsWith("AmbientCapabilities=", StringComparison.Ordinal));
        Assert.Contains("LoadCredential=repository:/state/restic/j/repository", unit);
        Assert.Contains("LoadCredential=paths:/state/restic/j/paths", unit);
        Assert.Contains("RuntimeDirectory=homelab-restic/j", unit);
        var argv = SystemdUnits.ExecStarts(string.Join('\n', unit)).Single();
        Assert.Equal(["/bin/flock", "%t/homelab-restic/j/lock", "/bin/restic", "--repository-file", "%d/repository", "--password-file", "%d/password", "backup", "--files-from-verbatim", "%d/paths"], argv.Take(10));
    }

    [Fact]
    public void Home_and_tmp_paths_keep_what_the_job_reads_visible()
    {
        var unit = Lines(Backup(Job(repository: "/tmp/repo", paths: ["/home/alice"])));
        Assert.Contains("ProtectHome=read-only", unit);
        Assert.DoesNotContain("PrivateTmp=yes", unit);
        Assert.Contains("ReadWritePaths=-/tmp/repo", unit);
    }

    [Fact]
    public void A_remote_repository_or_a_hook_needs_the_network_and_no_writable_path()
    {
        var remote = Lines(Backup(Job(repository: "sftp:backup@nas:/srv/restic")));
        Assert.Contains("RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6", remote);
        Assert.DoesNotContain(remote, l => l.StartsWith("ReadWritePaths=", StringComparison.Ordinal));
        var hook = Lines(Backup(Job() with { Before = "true" }));
        Assert.Contains("RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6", hook);
    }

    [Fact]
    public void A_non_root_restic_job_gets_read_search_only_with_read_all_and_only_for_the_backup()
    {
        var without = Lines(Backup(Job() with { User = "backup" }));
        Assert.Contains("User=backup", without);
        Assert.Contains("CapabilityBoundingSet=", without);
        var with = new ResticUnits(Job() with { User = "backup", ReadAll = true, Retention = new ResticRetention { Keep = [("--keep-last", 1)] } }, rel => "/state/" + rel, "/bin/restic", "/bin/flock").Files();
        var backup = Lines(with.Single(f => f.Name == "homelab-restic-j.service").Content);
        Assert.Contains("AmbientCapabilities=CAP_DAC_READ_SEARCH", backup);
        Assert.Contains("CapabilityBoundingSet=CAP_DAC_READ_SEARCH", backup);
        foreach (var other in new[] { "homelab-restic-j-forget.service", "homelab-restic-j-check.service" })
        {
            var lines = Lines(with.Single(f => f.Name == other).Content);
            Assert.Contains("CapabilityBoundingSet=", lines);
            Assert.DoesNotContain(lines, l => l.StartsWith("AmbientCapabilities=", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Opt_out_writes_no_sandbox_but_keeps_the_user()
    {
        var unit = Backup(Job() with { Hardened = false, User = "backup", ReadAll = true });
        Assert.Contains("\nUser=backup\n", unit, StringComparison.Ordinal);
        Assert.Contains("\nAmbientCapabilities=CAP_DAC_READ_SEARCH\n", unit, StringComparison.Ordinal);
        Assert.DoesNotContain("ProtectSystem", unit, StringComparison.Ordinal);
        Assert.DoesNotContain("CapabilityBoundingSet", unit, StringComparison.Ordinal);
        Assert.Equal(("backup", false), Hardening.Parse(unit));
    }

    [Theory]
    [InlineData("/srv/backup", true)]
    [InlineData("/srv/100%/backup", true)]
    [InlineData("/srv/my backup", false)]
    [InlineData("/srv/\"q\"", false)]
    [InlineData("/srv/back\\slash", false)]
    [InlineData("relative", false)]
    public void Only_plain_paths_can_be_made_writable(string path, bool plain) =>
        Assert.Equal(plain, Hardening.PathProblem(path) is null);

    [Theory]
    [InlineData(null, false, "tank/replica", null)]
    [InlineData(null, true, "tank/replica", "u")]
    [InlineData("o compression=lz4", true, "tank/replica", "o compression=lz4 u")]
    [InlineData("o compression=lz4", true, "backup@nas:tank/replica", "o compression=lz4")]
    [InlineData("u", true, "tank/replica", "u u")]
    public void A_hardened_local_receive_on_openzfs_is_unmounted_and_reads_back_as_written(string? recv, bool inProcess, string target, string? written)
    {
        var job = new SyncoidJob { Name = "r", Source = "tank/data", Target = target, RecvOptions = recv, User = "syncoid", PrivilegeElevation = false };
        var service = SyncoidUnitFiles.Service(job, "/bin/syncoid", "/bin", zfsMountsInProcess: inProcess);
        var argv = SystemdUnits.ExecStarts(service).Single();
        Assert.Equal(written, argv.SingleOrDefault(w => w.StartsWith("--recvoptions=", StringComparison.Ordinal))?["--recvoptions=".Length..]);
        var parsed = SyncoidUnitFiles.Parse("r", service, SyncoidUnitFiles.Timer(job))!;
        Assert.Equal(recv, parsed.RecvOptions);
        Assert.Equal("syncoid", parsed.User);
        Assert.True(parsed.Hardened);
        Assert.Equal(SyncoidUnitFiles.Service(parsed, "/bin/syncoid", "/bin", zfsMountsInProcess: inProcess), service);
    }

    [Fact]
    public void A_root_syncoid_job_keeps_sys_admin_and_reads_home_only_for_ssh()
    {
        var local = Lines(SyncoidUnitFiles.Service(new SyncoidJob { Name = "r", Source = "tank/a", Target = "tank/b" }, "/bin/syncoid", "/bin"));
        Assert.Contains("CapabilityBoundingSet=CAP_SYS_ADMIN", local);
        Assert.Contains("ProtectHome=yes", local);
        Assert.Contains("DeviceAllow=/dev/zfs rw", local);
        Assert.Contains("RestrictAddressFamilies=AF_UNIX", local);
        var ssh = Lines(SyncoidUnitFiles.Service(new SyncoidJob { Name = "r", Source = "tank/a", Target = "nas:tank/b" }, "/bin/syncoid", "/bin"));
        Assert.Contains("ProtectHome=read-only", ssh);
        Assert.Contains("RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6", ssh);
    }
}
