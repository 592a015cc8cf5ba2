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
    private readonly HostFixture _host = new("hl-remote-rule");
    private readonly ZfsPool _pool = new();

    public RemoteRuleAcceptanceTests()
    {
        Workspace.Environment["TF_VAR_restic_password"] = "correct horse battery staple";
        ZfsPool.Zfs("create", _pool.Name + "/data");
    }

    public void Dispose()
    {
        _host.Dispose();
        _pool.Dispose();
    }

    private TerraformWorkspace Workspace => _host.Workspace;

    private string StateA => _host.File("state-a");

    private string StateB => _host.File("state-b");

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
          repository          = "{{_host.File("repo")}}"
          password_wo         = var.restic_password
          password_wo_version = 1
          paths               = ["{{_host.Root}}"]
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
        Workspace.WriteConfig(Config("a"));
        Workspace.Apply();
        var addresses = new[] { "homelab_zfs_dataset.d", "homelab_sanoid_policy.p", "homelab_syncoid_job.s", "homelab_restic_job.r", "homelab_ntfy_alert.n" };
        foreach (var address in addresses)
        {
            Assert.Equal("a", Workspace.ResourceValues(address)!.Value.GetProperty("remote").GetString());
        }
        Assert.True(File.Exists(Path.Combine(StateA, "sanoid", "sanoid.conf")));

        // The operator adds a second host and makes it the default: nothing already applied changes.
        Workspace.WriteConfig(Config("b"));
        Workspace.AssertEmptyPlan();
        Workspace.Apply();
        foreach (var address in addresses)
        {
            Assert.Equal("a", Workspace.ResourceValues(address)!.Value.GetProperty("remote").GetString());
        }
        Assert.False(Directory.Exists(Path.Combine(StateB, "sanoid")), "nothing may be written on the new default remote");
        Assert.False(Directory.Exists(Path.Combine(StateB, "restic")), "nothing may be written on the new default remote");

        // Naming the remote explicitly is a replacement, and says so.
        Workspace.WriteConfig(Config("b").Replace("name     = \"data\"\n  datasets", "remote   = \"b\"\n  name     = \"data\"\n  datasets", StringComparison.Ordinal));
        var plan = Workspace.PlanExpectChanges();
        Assert.Contains("homelab_sanoid_policy.p must be replaced", plan.Stdout, StringComparison.Ordinal);

        Workspace.WriteConfig(Config("b"));
        Workspace.Destroy();
        Assert.False(File.Exists(Path.Combine(StateA, "sanoid", "sanoid.conf")));
    }
}
