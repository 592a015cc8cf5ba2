using Homelab.Provider.Tests.Sanoid;
using Homelab.Provider.Tests.TestKit;
using Homelab.Provider.Units;

namespace Homelab.Provider.Tests.Syncoid;

/// <summary>
/// <c>user</c> and <c>hardening</c> of <c>homelab_syncoid_job</c> through real terraform, the
/// published provider and real syncoid between zfs-fuse pools: a missing user is a plan error on
/// <c>user</c>; the unit is hardened by default, runs as the user with
/// <c>--no-privilege-elevation</c>; import reads both back; <c>hardening = "off"</c> drops the sandbox.
/// <para>
/// What the run as a non-root user proves, exactly: the unit's <c>User=</c> reaches the process
/// (the test kit's runner switches to the user with setpriv, as systemd would) and syncoid runs
/// without elevating (<c>--no-privilege-elevation</c>, no sudo). It does <b>not</b> prove ZFS
/// delegation: zfs-fuse implements no <c>zfs allow</c> (it fails with "/usr/lib/zfs/pyzfs.py not
/// found") and checks no per-user permissions: whoever can connect to its socket
/// <c>/run/zfs/zfs_socket</c> (root, mode 0755: only root can connect) may do anything. So the
/// user first fails to connect, then the test lets the user's own group connect (group write on
/// the socket, never "others"), replicates full then incremental, and restores the socket's owner
/// and mode in a <c>finally</c>; the group is deleted with the user afterwards.
/// </para>
/// </summary>
[Trait(Tier.Name, Tier.Acceptance)]
public sealed class SyncoidJobUserAcceptanceTests : IDisposable
{
    private const string ZfsSocket = "/run/zfs/zfs_socket";

    private readonly HostFixture _host = new("hl-syncoid-user");
    private readonly ZfsPool _source = new();
    private readonly ZfsPool _backup = new();
    private readonly UnitRunnerUser _user = new("hls");

    public void Dispose()
    {
        _host.Dispose();
        _source.Dispose();
        _backup.Dispose();
        _user.Dispose();
    }

    private string Units(string name) => Path.Combine(_host.StateDir, "units", name);

    private string Config(string user, string? hardening = null) => $$"""
        resource "homelab_syncoid_job" "replica" {
          name   = "replica"
          source = "{{_source.Name}}/data"
          target = "{{_backup.Name}}/data"
          user   = "{{user}}"
          {{(hardening is null ? "" : $"hardening = \"{hardening}\"")}}
        }
        """;

    [Fact]
    public void A_missing_user_is_a_plan_error_on_user()
    {
        ZfsPool.Zfs("create", _source.Name + "/data");
        _host.Workspace.WriteConfig(Config("hl-no-such-user"));
        var plan = _host.Workspace.Run("plan", "-input=false", "-no-color");
        Assert.NotEqual(0, plan.ExitCode);
        Assert.Contains("No such user", plan.Stderr, StringComparison.Ordinal);
        var flat = TerraformText.FlatUnframed(plan.Stderr);
        Assert.Contains("There is no user \"hl-no-such-user\" on remote", flat, StringComparison.Ordinal);
        Assert.Contains("getent passwd hl-no-such-user", flat, StringComparison.Ordinal);
        // On the attribute: terraform quotes the configuration line of `user`.
        Assert.Contains("with homelab_syncoid_job.replica, on main.tf line", flat, StringComparison.Ordinal);
        Assert.Contains("user = \"hl-no-such-user\"", flat, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_root_job_runs_as_its_user_without_elevation_and_imports_user_and_hardening()
    {
        ZfsPool.Zfs("create", _source.Name + "/data");
        _host.OpenToOtherUsers();
        var ws = _host.Workspace;
        ws.WriteConfig(Config(_user.Name));
        ws.Apply();

        var service = File.ReadAllText(Units("homelab-syncoid-replica.service"));
        Assert.Contains($"\nUser={_user.Name}\n", service, StringComparison.Ordinal);
        Assert.Contains("\nProtectSystem=strict\n", service, StringComparison.Ordinal);
        Assert.Contains("\nCapabilityBoundingSet=\n", service, StringComparison.Ordinal);
        Assert.Contains("\nRestrictAddressFamilies=AF_UNIX\n", service, StringComparison.Ordinal);
        Assert.Contains("\nDeviceAllow=/dev/zfs rw\n", service, StringComparison.Ordinal);
        var argv = Assert.Single(SystemdUnits.ExecStarts(service));
        Assert.Equal(["--no-privilege-elevation", $"{_source.Name}/data", $"{_backup.Name}/data"], argv.Skip(1));
        var values = ws.ResourceValues("homelab_syncoid_job.replica")!.Value;
        Assert.False(values.GetProperty("privilege_elevation").GetBoolean());
        Assert.Equal("strict", values.GetProperty("hardening").GetString());
        ws.AssertEmptyPlan();

        // Without access to zfs-fuse's socket the user's syncoid cannot reach ZFS, and says so.
        var refused = _host.RunUnit("homelab-syncoid-replica.service");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains($"run-unit: as setpriv --reuid {_user.Uid} ", refused.Output, StringComparison.Ordinal);
        Assert.Contains("connect: Permission denied", refused.Output, StringComparison.Ordinal);
        Assert.False(ZfsPool.Exists($"{_backup.Name}/data"));

        // With the socket open to the user's group: a full, then an incremental replication.
        using (GrantSocketToGroup(_user.Name))
        {
            var first = _host.RunUnit("homelab-syncoid-replica.service");
            Assert.True(first.ExitCode == 0, first.ToString());
            Assert.Contains("full", first.Output, StringComparison.Ordinal);
            Thread.Sleep(1100);
            ZfsPool.Zfs("snapshot", $"{_source.Name}/data@between-runs");
            var second = _host.RunUnit("homelab-syncoid-replica.service");
            Assert.True(second.ExitCode == 0, second.ToString());
            Assert.Contains("incremental", second.Output, StringComparison.Ordinal);
            Assert.Contains("between-runs", SnapshotHost.Snapshots($"{_backup.Name}/data"));
        }
        Assert.Equal("root root 755", ProcessRunner.Check("stat", "-c", "%U %G %a", ZfsSocket).Trim());

        // Import recovers user and hardening from the unit file.
        Assert.Equal(0, ws.Run("state", "rm", "homelab_syncoid_job.replica").ExitCode);
        ws.Import("homelab_syncoid_job.replica", "replica");
        values = ws.ResourceValues("homelab_syncoid_job.replica")!.Value;
        Assert.Equal(_user.Name, values.GetProperty("user").GetString());
        Assert.Equal("strict", values.GetProperty("hardening").GetString());
        ws.AssertEmptyPlan();

        // Opt-out: no sandbox lines, the user stays; imported back as "off".
        ws.WriteConfig(Config(_user.Name, hardening: "off"));
        ws.Apply();
        var off = File.ReadAllText(Units("homelab-syncoid-replica.service"));
        Assert.Contains($"\nUser={_user.Name}\n", off, StringComparison.Ordinal);
        Assert.DoesNotContain("ProtectSystem", off, StringComparison.Ordinal);
        Assert.DoesNotContain("CapabilityBoundingSet", off, StringComparison.Ordinal);
        var verify = ProcessRunner.Run("systemd-analyze", "verify", Units("homelab-syncoid-replica.service"), Units("homelab-syncoid-replica.timer"));
        Assert.True(verify.ExitCode == 0 && verify.Stderr.Length == 0, verify.ToString());
        Assert.Equal(0, ws.Run("state", "rm", "homelab_syncoid_job.replica").ExitCode);
        ws.Import("homelab_syncoid_job.replica", "replica");
        Assert.Equal("off", ws.ResourceValues("homelab_syncoid_job.replica")!.Value.GetProperty("hardening").GetString());
        ws.AssertEmptyPlan();
        ws.Destroy();
    }

    /// <summary>
    /// Lets members of <paramref name="group"/> connect to zfs-fuse's socket (group write), never
    /// others; dispose restores root:root 0755. Other tests run as root and are not affected.
    /// </summary>
    private static Restore GrantSocketToGroup(string group)
    {
        var before = ProcessRunner.Check("stat", "-c", "%U %G %a", ZfsSocket).Trim();
        Assert.Equal("root root 755", before);
        var restore = new Restore();
        try
        {
            ProcessRunner.Check("chgrp", group, ZfsSocket);
            ProcessRunner.Check("chmod", "0775", ZfsSocket);
        }
        catch
        {
            restore.Dispose();
            throw;
        }
        return restore;
    }

    private sealed class Restore : IDisposable
    {
        public void Dispose()
        {
            ProcessRunner.Run("chmod", "0755", ZfsSocket);
            ProcessRunner.Run("chgrp", "root", ZfsSocket);
        }
    }
}
