using System.Security.Cryptography;

namespace Homelab.Provider.Tests.Restic;

/// <summary>
/// <c>homelab_restic_job</c> with a local repository through real terraform, the published
/// provider and the real restic: apply → backup unit → snapshots → byte-exact restore; retention
/// via the forget unit; the check unit; hostile paths; hooks; drift; import; destroy.
/// </summary>
[Trait(Tier.Name, Tier.Acceptance)]
public sealed class ResticJobLifecycleTests : IDisposable
{
    private const string Password = "correct horse battery staple 0xC0FFEE";
    private readonly ResticTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private string Hostile => Path.Combine(_host.Source, "we ird $(touch /tmp/hl-pwned) ; & | 'q' \"d\" `x` \\ * %n $HOME");

    private string Plain => Path.Combine(_host.Source, "plain");

    private string Config(string before = "echo before >> \"$HOOK_LOG\"", int keepLast = 2) => $$"""
        resource "homelab_restic_job" "critical" {
          name                = "critical"
          description         = "critical data 100% safe"
          repository          = {{Hcl.Str(_host.Repo)}}
          password_wo         = {{Hcl.Str(Password)}}
          password_wo_version = 1
          paths               = {{Hcl.List([Plain, Hostile])}}
          exclude             = ["*.tmp"]
          tags                = ["critical", "sandbox"]
          host                = "testhost"
          schedule            = "*-*-* 03:15:00"
          randomized_delay    = "10min"
          before              = {{Hcl.Str(before.Replace("$HOOK_LOG", _host.File("hooks.log"), StringComparison.Ordinal))}}
          after               = {{Hcl.Str("echo after >> '" + _host.File("hooks.log") + "'")}}
          retention = {
            keep_last = {{keepLast}}
          }
          check = {
            schedule         = "weekly"
            read_data_subset = "100%"
          }
        }
        """;

    private void WriteSources()
    {
        Directory.CreateDirectory(Plain);
        Directory.CreateDirectory(Path.Combine(Hostile, "sub dir"));
        File.WriteAllBytes(Path.Combine(Plain, "vault.db"), RandomNumberGenerator.GetBytes(300_000));
        File.WriteAllText(Path.Combine(Plain, "skip.tmp"), "excluded");
        File.WriteAllBytes(Path.Combine(Hostile, "sub dir", "a;b&c|d'e\"f.bin"), RandomNumberGenerator.GetBytes(5000));
        File.WriteAllText(Path.Combine(Hostile, "$(id).txt"), "text with $VARS and `ticks`\n");
    }

    [Fact]
    public void Backs_up_restores_byte_exact_applies_retention_checks_and_survives_drift_import_and_destroy()
    {
        File.Delete("/tmp/hl-pwned");
        WriteSources();
        var ws = _host.Workspace;
        ws.WriteConfig(Config());
        ws.Apply();

        // Files and modes: secrets 0600, the password verbatim, nothing secret in the units.
        var secret = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        Assert.Equal(Password, File.ReadAllText(_host.State("restic/critical/password")));
        foreach (var f in new[] { "password", "repository", "job.json" })
        {
            Assert.Equal(secret, File.GetUnixFileMode(_host.State("restic/critical/" + f)));
        }
        var service = _host.Unit("homelab-restic-critical.service");
        Assert.Contains("OnFailure=failure-notify@%n.service", service, StringComparison.Ordinal);
        Assert.Contains("Type=oneshot", service, StringComparison.Ordinal);
        Assert.Contains("ExecStartPre=/bin/sh -c ", service, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, service, StringComparison.Ordinal);
        var timer = _host.Unit("homelab-restic-critical.timer");
        Assert.Contains("OnCalendar=*-*-* 03:15:00\n", timer, StringComparison.Ordinal);
        Assert.Contains("RandomizedDelaySec=10min\n", timer, StringComparison.Ordinal);
        Assert.Contains("Persistent=true\n", timer, StringComparison.Ordinal);
        Assert.Contains("WantedBy=timers.target", timer, StringComparison.Ordinal);
        foreach (var unit in new[] { "homelab-restic-critical-forget", "homelab-restic-critical-check" })
        {
            Assert.Contains("OnFailure=failure-notify@%n.service", _host.Unit(unit + ".service"), StringComparison.Ordinal);
            Assert.Contains("OnCalendar=", _host.Unit(unit + ".timer"), StringComparison.Ordinal);
        }
        var values = ws.ResourceValues("homelab_restic_job.critical")!.Value;
        var repoId = values.GetProperty("repository_id").GetString()!;
        Assert.Matches("^[0-9a-f]{64}$", repoId);
        Assert.Equal("homelab-restic-critical.service", values.GetProperty("unit_name").GetString());
        Assert.True(values.GetProperty("in_sync").GetBoolean());

        // Three backups through the unit's own command lines, then a byte-exact restore.
        var pw = _host.State("restic/critical/password");
        for (var i = 0; i < 3; i++)
        {
            _host.RunServiceOk("homelab-restic-critical");
        }
        Assert.Equal(["before", "after", "before", "after", "before", "after"], File.ReadAllLines(_host.File("hooks.log")));
        var snapshots = _host.Snapshots(_host.Repo, pw);
        Assert.Equal(3, snapshots.Count);
        Assert.All(snapshots, s => Assert.Equal("testhost", s.GetProperty("hostname").GetString()));
        Assert.All(snapshots, s => Assert.Equal(["homelab-job=critical", "critical", "sandbox"], s.GetProperty("tags").EnumerateArray().Select(t => t.GetString())));
        var target = _host.File("restore");
        var (code, _, err) = _host.Restic(_host.Repo, pw, "restore", "latest", "--target", target);
        Assert.True(code == 0, err);
        File.Delete(Path.Combine(Plain, "skip.tmp")); // excluded by "*.tmp": must not be restored
        ResticTestHost.AssertSameTree(_host.Source, target + _host.Source);
        Assert.False(File.Exists("/tmp/hl-pwned"));

        // Retention: keep_last = 2 forgets (and prunes) the oldest; the check unit reads all data.
        _host.RunServiceOk("homelab-restic-critical-forget");
        var kept = _host.Snapshots(_host.Repo, pw);
        Assert.Equal(snapshots.Skip(1).Select(s => s.GetProperty("id").GetString()), kept.Select(s => s.GetProperty("id").GetString()));
        _host.RunServiceOk("homelab-restic-critical-check");

        // Drift: an edited paths file and a deleted timer are found by refresh and healed by apply.
        File.AppendAllText(_host.State("restic/critical/paths"), "/etc\n");
        File.Delete(_host.State("units/homelab-restic-critical-check.timer"));
        var plan = ws.PlanExpectChanges();
        Assert.Contains("in_sync", plan.Stdout, StringComparison.Ordinal);
        ws.Apply();
        Assert.DoesNotContain("/etc", File.ReadAllText(_host.State("restic/critical/paths")), StringComparison.Ordinal);
        Assert.True(File.Exists(_host.State("units/homelab-restic-critical-check.timer")));

        // A replaced repository (same place, new id) is drift too.
        Directory.Delete(_host.Repo, recursive: true);
        Assert.Equal(0, _host.Restic(_host.Repo, pw, "init").ExitCode);
        ws.PlanExpectChanges();
        ws.Apply();
        Assert.NotEqual(repoId, ws.ResourceValues("homelab_restic_job.critical")!.Value.GetProperty("repository_id").GetString());

        // Update: a failing before hook fails the whole job loudly and takes no snapshot.
        ws.WriteConfig(Config(before: "echo refusing >&2; exit 3"));
        ws.Apply();
        var before = _host.Snapshots(_host.Repo, pw).Count;
        var failed = _host.RunService("homelab-restic-critical");
        Assert.Equal(3, failed.ExitCode);
        Assert.Contains("refusing", failed.Output, StringComparison.Ordinal);
        Assert.Equal(before, _host.Snapshots(_host.Repo, pw).Count);

        // Import by name rebuilds the full state from the host (the plan after it is empty).
        Assert.Equal(0, ws.Run("state", "rm", "homelab_restic_job.critical").ExitCode);
        ws.Import("homelab_restic_job.critical", "critical");

        // Destroy removes files and units, never the repository.
        ws.Destroy();
        Assert.False(Directory.Exists(_host.State("restic/critical")));
        Assert.Empty(Directory.EnumerateFiles(_host.State("units")));
        File.WriteAllText(_host.File("pw"), Password);
        Assert.Equal(0, _host.Restic(_host.Repo, _host.File("pw"), "cat", "config").ExitCode);
    }
}
