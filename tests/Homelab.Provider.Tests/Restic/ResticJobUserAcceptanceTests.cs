namespace Homelab.Provider.Tests.Restic;

/// <summary>
/// <c>user</c>, <c>read_all</c> and <c>hardening</c> of <c>homelab_restic_job</c> through real
/// terraform, the published provider and the real restic: a missing user is a plan error on
/// <c>user</c>; the units are hardened by default and carry <c>User=</c>; run as a fresh non-root
/// user (the test kit's unit runner switches to it with setpriv, hands over the job's secrets as
/// <c>LoadCredential=</c> copies owned by that user, and grants <c>AmbientCapabilities=</c>), the
/// backup reads a root-only 0600 file with <c>read_all</c> (the restore is byte-equal) and fails
/// with restic's permission error without it; import reads <c>user</c>/<c>hardening</c> back.
/// </summary>
[Trait(Tier.Name, Tier.Acceptance)]
public sealed class ResticJobUserAcceptanceTests : IDisposable
{
    private readonly ResticTestHost _host = new();
    private readonly UnitRunnerUser _user = new("hlr");

    public void Dispose()
    {
        _host.Dispose();
        _user.Dispose();
    }

    private string Config(string user, bool? readAll, string? hardening = null) => $$"""
        resource "homelab_restic_job" "nightly" {
          name                = "nightly"
          repository          = {{Hcl.Str(_host.Repo)}}
          password_wo         = "user-test-password"
          password_wo_version = 1
          paths               = {{Hcl.List([_host.Source])}}
          user                = "{{user}}"
          {{(readAll is null ? "" : $"read_all = {(readAll.Value ? "true" : "false")}")}}
          {{(hardening is null ? "" : $"hardening = \"{hardening}\"")}}
        }
        """;

    [Fact]
    public void A_missing_user_is_a_plan_error_on_user()
    {
        _host.Workspace.WriteConfig(Config("hl-no-such-user", readAll: null));
        var plan = _host.Workspace.Run("plan", "-input=false", "-no-color");
        Assert.NotEqual(0, plan.ExitCode);
        Assert.Contains("No such user", plan.Stderr, StringComparison.Ordinal);
        var flat = TerraformText.FlatUnframed(plan.Stderr);
        Assert.Contains("There is no user \"hl-no-such-user\" on remote", flat, StringComparison.Ordinal);
        Assert.Contains("getent passwd hl-no-such-user", flat, StringComparison.Ordinal);
        // On the attribute: terraform quotes the configuration line of `user`.
        Assert.Contains("with homelab_restic_job.nightly, on main.tf line", flat, StringComparison.Ordinal);
        Assert.Contains("user = \"hl-no-such-user\"", flat, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_host.State("units")));
    }

    [Fact]
    public void A_non_root_job_reads_a_root_only_file_only_with_read_all_and_imports_its_user()
    {
        var secret = Path.Combine(_host.Source, "root-only.key");
        File.WriteAllBytes(secret, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7 % 251))]);
        File.SetUnixFileMode(secret, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(Path.Combine(_host.Source, "public.txt"), "readable by all\n");
        _host.OpenToOtherUsers();

        var ws = _host.Workspace;
        // Without read_all the user cannot read the file: restic says so and the unit fails. (First:
        // a later backup with a parent snapshot would not read an unchanged file again.)
        ws.WriteConfig(Config(_user.Name, readAll: false));
        ws.Apply();
        // The provider initialises the repository as root; the job's user must own it (see `user`).
        _user.Own(_host.Repo);
        Assert.DoesNotContain("AmbientCapabilities", _host.Unit("homelab-restic-nightly.service"), StringComparison.Ordinal);
        Assert.Contains("\nCapabilityBoundingSet=\n", _host.Unit("homelab-restic-nightly.service"), StringComparison.Ordinal);
        var denied = _host.RunService("homelab-restic-nightly");
        Assert.NotEqual(0, denied.ExitCode);
        Assert.Contains($"run-unit: as setpriv --reuid {_user.Uid} ", denied.Output, StringComparison.Ordinal);
        Assert.Contains("permission denied", denied.Output, StringComparison.Ordinal);
        Assert.Contains(secret, denied.Output, StringComparison.Ordinal);

        ws.WriteConfig(Config(_user.Name, readAll: true));
        ws.Apply();
        var backup = _host.Unit("homelab-restic-nightly.service");
        Assert.Contains($"\nUser={_user.Name}\n", backup, StringComparison.Ordinal);
        Assert.Contains("\nAmbientCapabilities=CAP_DAC_READ_SEARCH\n", backup, StringComparison.Ordinal);
        Assert.Contains("\nCapabilityBoundingSet=CAP_DAC_READ_SEARCH\n", backup, StringComparison.Ordinal);
        Assert.Contains("\nProtectSystem=strict\n", backup, StringComparison.Ordinal);
        Assert.Contains($"\nLoadCredential=password:{_host.State("restic/nightly/password")}\n", backup, StringComparison.Ordinal);
        Assert.Contains(" --password-file %d/password ", backup, StringComparison.Ordinal);
        // The secret files stay root's, mode 0600: only systemd (here the runner, as root) reads them.
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_host.State("restic/nightly/password")));
        var check = _host.Unit("homelab-restic-nightly-check.service");
        Assert.Contains("\nCapabilityBoundingSet=\n", check, StringComparison.Ordinal);
        Assert.DoesNotContain("AmbientCapabilities", check, StringComparison.Ordinal);
        ws.AssertEmptyPlan();

        var run = _host.RunService("homelab-restic-nightly");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"run-unit: as setpriv --reuid {_user.Uid} ", run.Output, StringComparison.Ordinal);
        var snapshots = _host.Snapshots(_host.Repo, _host.State("restic/nightly/password"));
        var snapshot = snapshots[^1];
        var restore = _host.File("restore");
        var restored = _host.Restic(_host.Repo, _host.State("restic/nightly/password"), "restore", snapshot.GetProperty("short_id").GetString()!, "--target", restore);
        Assert.True(restored.ExitCode == 0, restored.ToString());
        Assert.Equal(File.ReadAllBytes(secret), File.ReadAllBytes(restore + secret));
        // The snapshot was taken by the user.
        Assert.Equal(_user.Name, snapshot.GetProperty("username").GetString());
        _host.RunServiceOk("homelab-restic-nightly-check");

        // Import reads user, read_all and hardening back: no diff.
        Assert.Equal(0, ws.Run("state", "rm", "homelab_restic_job.nightly").ExitCode);
        ws.Import("homelab_restic_job.nightly", "nightly");
        var values = ws.ResourceValues("homelab_restic_job.nightly")!.Value;
        Assert.Equal(_user.Name, values.GetProperty("user").GetString());
        Assert.Equal("strict", values.GetProperty("hardening").GetString());
        Assert.True(values.GetProperty("read_all").GetBoolean());
        ws.AssertEmptyPlan();

        // Opt-out: no sandbox, the user stays; imported back the same way.
        ws.WriteConfig(Config(_user.Name, readAll: true, hardening: "off"));
        ws.Apply();
        var off = _host.Unit("homelab-restic-nightly.service");
        Assert.Contains($"\nUser={_user.Name}\n", off, StringComparison.Ordinal);
        Assert.DoesNotContain("ProtectSystem", off, StringComparison.Ordinal);
        Assert.DoesNotContain("CapabilityBoundingSet", off, StringComparison.Ordinal);
        Assert.Equal(0, ws.Run("state", "rm", "homelab_restic_job.nightly").ExitCode);
        ws.Import("homelab_restic_job.nightly", "nightly");
        Assert.Equal("off", ws.ResourceValues("homelab_restic_job.nightly")!.Value.GetProperty("hardening").GetString());
        ws.AssertEmptyPlan();
        ws.Destroy();
    }
}
