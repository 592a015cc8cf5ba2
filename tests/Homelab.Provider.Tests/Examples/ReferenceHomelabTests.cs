using System.Text.Json;
using Homelab.Provider.Tests.TestKit;

namespace Homelab.Provider.Tests.Examples;

/// <summary>
/// examples/homelab on a host shaped exactly like a freshly installed foundation: the pools and
/// datasets nixgen's disko layout makes (with their mountpoints and properties, as far as zfs-fuse
/// has them), the foundation's state dir. The homelab-provider part of the example is applied
/// unchanged — only variables differ — with the real terraform: the first apply creates nothing the
/// foundation made, the second plan changes nothing, then the jobs run as the foundation's units
/// would (sanoid, syncoid, restic with its SQLite hook), the replica retention prunes as documented,
/// and the disaster-recovery guide's restores work (from the replica and from restic).
/// </summary>
[Trait(Tier.Name, Tier.Acceptance)]
public sealed class ReferenceHomelabTests : IDisposable
{
    private const string ResticPassword = "reference-homelab-test-password";

    private readonly ZfsPool _system = new("512M");
    private readonly ZfsPool _backup = new("512M");
    private readonly HostFixture _host = new("hl-reference");
    private readonly FakeNtfyServer _ntfy = new();

    public ReferenceHomelabTests()
    {
        // The foundation's disko layout (examples/nixgen/homelab/disko.nix), pool by pool.
        ZfsPool.Zfs("set", "atime=off", _system.Name);
        ZfsPool.Zfs("set", "canmount=off", _system.Name);
        foreach (var (dataset, options) in FoundationDatasets)
        {
            ZfsPool.Zfs(["create", .. options.SelectMany(o => new[] { "-o", o }), $"{_system.Name}/{dataset}"]);
        }
        ZfsPool.Zfs("snapshot", $"{_system.Name}/local/root@blank");
        ZfsPool.Zfs("set", "canmount=off", _backup.Name);
        ZfsPool.Zfs("create", "-o", "mountpoint=none", $"{_backup.Name}/replica");
        // The foundation's tmpfiles rules for the state dir.
        foreach (var dir in new[] { "ntfy", "sanoid", "units" })
        {
            Directory.CreateDirectory(_host.State(dir));
        }
        File.Copy("/usr/share/sanoid/sanoid.defaults.conf", _host.State("sanoid/sanoid.defaults.conf"));
    }

    /// <summary>The system pool's datasets as disko creates them (legacy ones are mounted by NixOS, not here).</summary>
    private static readonly (string Dataset, string[] Options)[] FoundationDatasets =
    [
        ("home", ["mountpoint=legacy"]),
        ("incus", ["mountpoint=none", "homelab:owner=incus"]),
        ("local", ["mountpoint=none"]),
        ("local/nix", ["mountpoint=legacy"]),
        ("local/root", ["mountpoint=legacy"]),
        ("persistent", ["mountpoint=legacy"]),
        ("persistent/appdata", ["mountpoint=legacy"]),
        ("persistent/homelab", ["mountpoint=legacy"]),
        ("persistent/secrets", ["mountpoint=legacy"]),
        ("reserved", ["mountpoint=none", "refreservation=16M"]),
    ];

    private string Srv => _host.File("srv");

    private string ResticRepository => _host.File("restic-repo");

    [Fact]
    public void The_example_applies_on_a_fresh_foundation_its_jobs_run_retention_holds_and_the_recovery_guide_works()
    {
        var tf = _host.Workspace;
        foreach (var file in Directory.GetFiles(RepositoryRoot.Combine("examples", "homelab"), "*.tf"))
        {
            // The Incus part needs the Incus provider and an Incus daemon; HomelabExampleTests checks its form.
            if (Path.GetFileName(file) != "incus.tf")
            {
                tf.WriteFile(Path.GetFileName(file), File.ReadAllText(file));
            }
        }
        var vars = Variables();
        var beforeApply = Datasets();

        var applied = tf.Run(["apply", "-auto-approve", "-input=false", "-no-color", .. vars]);
        Assert.True(applied.ExitCode == 0, applied.ToString());

        // Created exactly the services' datasets; every foundation dataset is untouched.
        var created = Datasets().Except(beforeApply).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            new[] { "services", "services/ntfy", "services/traefik", "services/vaultwarden" }.Select(d => $"{_system.Name}/{d}"),
            created);
        Assert.Equal(Srv + "/vaultwarden", ZfsPool.Get($"{_system.Name}/services/vaultwarden", "mountpoint").Value);
        AssertNoManagedChanges(tf, vars);

        // The services write their data; then the jobs run as the foundation's units would.
        Directory.CreateDirectory(Path.Combine(Srv, "vaultwarden", "attachments"));
        Directory.CreateDirectory(Path.Combine(Srv, "vaultwarden", "backup"));
        ProcessRunner.Check("sqlite3", Path.Combine(Srv, "vaultwarden", "db.sqlite3"), "create table secrets(v text); insert into secrets values ('hunter2');");
        File.WriteAllText(Path.Combine(Srv, "vaultwarden", "attachments", "a.bin"), "attachment");
        File.WriteAllText(Path.Combine(Srv, "traefik", "acme.json"), """{"letsencrypt":{"Certificates":[]}}""");

        var sanoid = Sanoid("--cron");
        Assert.True(sanoid.ExitCode == 0, sanoid.ToString());
        foreach (var unit in new[] { "persistent", "home", "services" })
        {
            var run = _host.RunUnit($"homelab-syncoid-replica-{unit}.service");
            Assert.True(run.ExitCode == 0, run.ToString());
        }
        Assert.Contains($"{_backup.Name}/replica/services/vaultwarden", Datasets());
        Assert.Contains(Snapshots($"{_backup.Name}/replica/persistent/homelab"), s => s.Contains("@autosnap_", StringComparison.Ordinal));

        // The system's own runtime and cache directories (not the fixture's): the example's `before`
        // writes its copy into /run/homelab-restic/offsite, as it must inside the sandboxed unit.
        ProviderRuntimeDirectories.Remove();
        var backup = UnitRunner.Run(_host.State(Path.Combine("units", "homelab-restic-offsite.service")), _host.Bin, directoriesRoot: null);
        Assert.True(backup.ExitCode == 0, backup.ToString());

        // Disaster recovery, restic: the consistent SQLite copy and acme.json come back.
        var restore = _host.File("restore");
        ProcessRunner.Check("restic", "-r", ResticRepository, "--password-file", _host.State("restic/offsite/password"), "restore", "latest", "--target", restore);
        Assert.Equal("hunter2", ProcessRunner.Check("sqlite3", restore + "/run/homelab-restic/offsite/vaultwarden.sqlite3", "select v from secrets;").Trim());
        Assert.Equal(File.ReadAllText(Path.Combine(Srv, "traefik", "acme.json")), File.ReadAllText(restore + Path.Combine(Srv, "traefik", "acme.json")));

        // Disaster recovery, replica: a dataset lost on the system pool is received back from the backup pool.
        var newest = Snapshots($"{_backup.Name}/replica/services/vaultwarden").Last();
        DestroyLost($"{_system.Name}/services/vaultwarden");
        // (A child of services inherits its mountpoint, so the received dataset mounts where it was.)
        ProcessRunner.Check("bash", "-c", $"zfs send '{newest}' | zfs receive '{_system.Name}/services/vaultwarden'");
        Assert.Equal("yes", ZfsPool.Get($"{_system.Name}/services/vaultwarden", "mounted").Value);
        Assert.Equal("attachment", File.ReadAllText(Path.Combine(Srv, "vaultwarden", "attachments", "a.bin")));

        // The checks of health.tf pass on fresh snapshots and replicas.
        var plan = tf.Run(["plan", "-input=false", "-no-color", .. vars]);
        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.DoesNotContain("Check block assertion failed", plan.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Replica_retention_keeps_48_hourly_replicas_while_the_source_keeps_24()
    {
        var tf = _host.Workspace;
        foreach (var file in Directory.GetFiles(RepositoryRoot.Combine("examples", "homelab"), "*.tf").Where(f => Path.GetFileName(f) != "incus.tf"))
        {
            tf.WriteFile(Path.GetFileName(file), File.ReadAllText(file));
        }
        var vars = Variables();
        var applied = tf.Run(["apply", "-auto-approve", "-input=false", "-no-color", .. vars]);
        Assert.True(applied.ExitCode == 0, applied.ToString());

        // 60 hourly snapshots on the source, in sanoid's names, replicated to the backup pool.
        var home = $"{_system.Name}/home";
        for (var i = 0; i < 60; i++)
        {
            ZfsPool.Zfs("snapshot", $"{home}@autosnap_2026-11-{1 + (i / 24):00}_{i % 24:00}:00:00_hourly");
        }
        var sync = _host.RunUnit("homelab-syncoid-replica-home.service");
        Assert.True(sync.ExitCode == 0, sync.ToString());
        Assert.Equal(60, Snapshots($"{_backup.Name}/replica/home").Count(s => s.EndsWith("_hourly", StringComparison.Ordinal)));

        // Three days later sanoid prunes: the source to its 24 hourly, the replicas to their 48.
        var prune = Sanoid("--prune-snapshots", fakeTime: "+3d");
        Assert.True(prune.ExitCode == 0, prune.ToString());

        Assert.Equal(24, Snapshots(home).Count(s => s.EndsWith("_hourly", StringComparison.Ordinal)));
        var replica = Snapshots($"{_backup.Name}/replica/home");
        Assert.Equal(48, replica.Count(s => s.EndsWith("_hourly", StringComparison.Ordinal)));
        // The newest ones are kept, and syncoid's own sync snapshot, the base of the next send, is left alone.
        Assert.Contains(replica, s => s.Contains("@syncoid_", StringComparison.Ordinal));
        var again = _host.RunUnit("homelab-syncoid-replica-home.service");
        Assert.True(again.ExitCode == 0, again.ToString());
    }

    public void Dispose()
    {
        ProviderRuntimeDirectories.Remove();
        _ntfy.Dispose();
        _host.Dispose();
        _system.Dispose();
        _backup.Dispose();
    }

    private string[] Variables() =>
    [
        "-var", "host=local",
        "-var", $"state_dir={_host.StateDir}",
        "-var", $"system_pool={_system.Name}",
        "-var", $"backup_pool={_backup.Name}",
        "-var", $"services_mountpoint={Srv}",
        "-var", "sqlite3=/usr/bin/sqlite3",
        "-var", $"restic_repository={ResticRepository}",
        "-var", $"restic_password={ResticPassword}",
        "-var", $"ntfy_url={_ntfy.Url}",
        "-var", "ntfy_token=tk_reference_test",
    ];

    /// <summary>A plan may re-read the check blocks' data sources, but must not change any managed resource.</summary>
    private static void AssertNoManagedChanges(TerraformWorkspace tf, string[] vars)
    {
        var plan = tf.Run(["plan", "-input=false", "-no-color", "-out=second.tfplan", .. vars]);
        Assert.True(plan.ExitCode == 0, plan.ToString());
        using var json = JsonDocument.Parse(tf.Run("show", "-json", "second.tfplan").Stdout);
        var changes = json.RootElement.TryGetProperty("resource_changes", out var rc) ? rc.EnumerateArray().ToList() : [];
        var managed = changes
            .Where(c => c.GetProperty("mode").GetString() == "managed")
            .Where(c => c.GetProperty("change").GetProperty("actions").EnumerateArray().Any(a => a.GetString() != "no-op"))
            .Select(c => c.GetProperty("address").GetString())
            .ToList();
        Assert.Empty(managed);
    }

    private ProcessResult Sanoid(string mode, string? fakeTime = null)
    {
        // A cache and lock directory of this test's own: sanoid's defaults are shared by every test
        // on the machine (a stale snapshot list, or another run's prune lock, would change the outcome).
        string[] sanoid = ["sanoid", mode, "--configdir", _host.State("sanoid"), "--cache-dir", _host.File("sanoid-cache"), "--run-dir", _host.File("sanoid-run")];
        var env = new Dictionary<string, string?> { ["PATH"] = _host.Path, ["TZ"] = "UTC" };
        return fakeTime is null
            ? ProcessRunner.Run(sanoid[0], sanoid[1..], null, env, TimeSpan.FromMinutes(5))
            : ProcessRunner.Run("faketime", ["-f", fakeTime, .. sanoid], null, env, TimeSpan.FromMinutes(5));
    }

    /// <summary>
    /// Destroys a dataset as if it had been lost. The FUSE mount of zfs-fuse can stay busy for a
    /// moment after the last file was closed (the restic and sqlite3 runs just before), so the
    /// forced unmount is retried for up to 10 s.
    /// </summary>
    private static void DestroyLost(string dataset)
    {
        for (var attempt = 0; ; attempt++)
        {
            var result = ProcessRunner.Run("zfs", "destroy", "-r", "-f", dataset);
            if (result.ExitCode == 0)
            {
                return;
            }
            if (attempt == 20 || !result.Output.Contains("busy", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"zfs destroy -r -f {dataset}: {result}");
            }
            Thread.Sleep(500);
        }
    }

    /// <summary>The datasets of this test's two pools (other tests create pools of their own at the same time).</summary>
    private List<string> Datasets() =>
        [.. ZfsPool.Zfs("list", "-H", "-o", "name", "-r", _system.Name, _backup.Name).Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>Snapshots of one dataset, oldest first.</summary>
    private static List<string> Snapshots(string dataset) =>
        [.. ZfsPool.Zfs("list", "-H", "-t", "snapshot", "-o", "name", "-s", "createtxg", "-r", "-d", "1", dataset).Split('\n', StringSplitOptions.RemoveEmptyEntries)];
}

/// <summary>The offsite job's system runtime and cache directories, which only this test uses.</summary>
internal static class ProviderRuntimeDirectories
{
    public static void Remove()
    {
        foreach (var dir in new[] { "/run/homelab-restic/offsite", "/var/cache/homelab-restic/offsite" })
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }
}
