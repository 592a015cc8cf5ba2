using Homelab.Provider.Tests.TestKit;

namespace Homelab.Provider.Tests.Kit;

/// <summary>
/// The one `remote` rule, through the real terraform on real tools: a resource that sets no
/// `remote` is recorded on the provider's `default_remote` at creation, and a later change of
/// `default_remote` (the operator adds a second host) neither moves nor replaces anything.
/// Two remotes on this machine, each with its own state dir, stand in for two hosts.
/// </summary>
[Trait(Tier.Name, Tier.Acceptance)]
public sealed class RemoteRuleAcceptanceTests : IDisposable
{
    private readonly TempDir _dir = new("hl-remote-rule");
    private readonly ZfsPool _pool = new();
    private readonly TerraformWorkspace _ws = TerraformWorkspace.Create(ProviderBuild.Homelab);

    public RemoteRuleAcceptanceTests()
    {
        var bin = _dir.File("bin");
        Directory.CreateDirectory(bin);
        // zfs-fuse's `zfs get` lacks -t, which sanoid and syncoid use (see scripts/zfs-fuse-compat).
        var shim = Path.Combine(bin, "zfs");
        File.Copy(RepositoryRoot.Combine("scripts", "zfs-fuse-compat", "zfs"), shim);
        File.SetUnixFileMode(shim, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _ws.Environment["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH") + ":/usr/sbin:/sbin";
        _ws.Environment["TF_VAR_restic_password"] = "correct horse battery staple";
        ZfsPool.Zfs("create", _pool.Name + "/data");
    }

    public void Dispose()
    {
        _ws.Dispose();
        _pool.Dispose();
        _dir.Dispose();
    }

    private string StateA => _dir.File("state-a");

    private string StateB => _dir.File("state-b");

    private string Config(string defaultRemote) => $$"""
        provider "homelab" {
          default_remote = "{{defaultRemote}}"
          remote {
            name      = "a"
            address   = "local"
            state_dir = "{{StateA}}"
          }
          remote {
            name      = "b"
            address   = "local"
            state_dir = "{{StateB}}"
          }
        }

        variable "restic_password" {
          type      = string
          sensitive = true
          ephemeral = true
        }

        resource "homelab_zfs_dataset" "d" {
          name = "{{_pool.Name}}/data/child"
        }

        resource "homelab_sanoid_policy" "p" {
          name     = "data"
          datasets = ["{{_pool.Name}}/data"]
          hourly   = 24
        }

        resource "homelab_syncoid_job" "s" {
          name   = "data"
          source = "{{_pool.Name}}/data"
          target = "{{_pool.Name}}/replica"
        }

        resource "homelab_restic_job" "r" {
          name                = "data"
          repository          = "{{_dir.File("repo")}}"
          password_wo         = var.restic_password
          password_wo_version = 1
          paths               = ["{{_dir.Path}}"]
        }

        resource "homelab_ntfy_alert" "n" {
          name      = "phone"
          url       = "http://127.0.0.1:9"
          topic     = "alerts"
          send_test = false
        }
        """;

    [Fact]
    public void Changing_default_remote_neither_moves_nor_replaces_existing_objects()
    {
        _ws.WriteConfig(Config("a"));
        _ws.Apply();
        var addresses = new[] { "homelab_zfs_dataset.d", "homelab_sanoid_policy.p", "homelab_syncoid_job.s", "homelab_restic_job.r", "homelab_ntfy_alert.n" };
        foreach (var address in addresses)
        {
            Assert.Equal("a", _ws.ResourceValues(address)!.Value.GetProperty("remote").GetString());
        }
        Assert.True(File.Exists(Path.Combine(StateA, "sanoid", "sanoid.conf")));

        // The operator adds a second host and makes it the default: nothing already applied changes.
        _ws.WriteConfig(Config("b"));
        _ws.AssertEmptyPlan();
        _ws.Apply();
        foreach (var address in addresses)
        {
            Assert.Equal("a", _ws.ResourceValues(address)!.Value.GetProperty("remote").GetString());
        }
        Assert.False(Directory.Exists(Path.Combine(StateB, "sanoid")), "nothing may be written on the new default remote");
        Assert.False(Directory.Exists(Path.Combine(StateB, "restic")), "nothing may be written on the new default remote");

        // Naming the remote explicitly is a replacement, and says so.
        _ws.WriteConfig(Config("b").Replace("name     = \"data\"\n  datasets", "remote   = \"b\"\n  name     = \"data\"\n  datasets", StringComparison.Ordinal));
        var plan = _ws.PlanExpectChanges();
        Assert.Contains("homelab_sanoid_policy.p must be replaced", plan.Stdout, StringComparison.Ordinal);

        _ws.WriteConfig(Config("b"));
        _ws.Destroy();
        Assert.False(File.Exists(Path.Combine(StateA, "sanoid", "sanoid.conf")));
    }
}
