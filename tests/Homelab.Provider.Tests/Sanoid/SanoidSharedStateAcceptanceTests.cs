using Homelab.Provider.Tests.TestKit;

namespace Homelab.Provider.Tests.Sanoid;

/// <summary>
/// sanoid.conf shared by several workspaces (several provider processes) on one host, through the
/// real terraform, the published provider, real sanoid and zfs-fuse pools.
/// </summary>
[Trait(Tier.Name, Tier.Acceptance)]
public sealed class SanoidSharedStateAcceptanceTests : IDisposable
{
    private readonly SnapshotHost _host = new();
    private readonly ZfsPool _pool = new();
    private readonly TerraformWorkspace _other;

    public SanoidSharedStateAcceptanceTests()
    {
        // A second workspace on the same host and state dir: its own terraform and provider process.
        _other = TerraformWorkspace.Create(ProviderBuild.Homelab);
        foreach (var (k, v) in _host.Workspace.Environment)
        {
            _other.Environment[k] = v;
        }
    }

    public void Dispose()
    {
        _other.Dispose();
        _host.Dispose();
        _pool.Dispose();
    }

    private string Policies(string prefix, int count)
    {
        var hcl = new System.Text.StringBuilder();
        for (var i = 0; i < count; i++)
        {
            hcl.Append($$"""
                resource "homelab_sanoid_policy" "p{{i}}" {
                  name     = "{{prefix}}-{{i:00}}"
                  datasets = ["{{_pool.Name}}/{{prefix}}{{i:00}}"]
                  hourly   = {{i + 1}}
                  daily    = 7
                }

                """);
        }
        return hcl.ToString();
    }

    [Fact]
    public async Task Two_workspaces_applying_ten_policies_each_at_the_same_time_keep_all_twenty()
    {
        foreach (var prefix in new[] { "a", "b" })
        {
            for (var i = 0; i < 10; i++)
            {
                ZfsPool.Zfs("create", $"{_pool.Name}/{prefix}{i:00}");
            }
        }
        _host.Workspace.WriteConfig(Policies("a", 10));
        _other.WriteConfig(Policies("b", 10));

        var applies = await Task.WhenAll(new[] { _host.Workspace, _other }.Select(ws => Task.Run(() => ws.Run("apply", "-auto-approve", "-input=false", "-no-color", "-parallelism=10"))));
        foreach (var apply in applies)
        {
            Assert.True(apply.ExitCode == 0, apply.ToString());
        }

        var conf = _host.SanoidConf!;
        var expected = new[] { "a", "b" }.SelectMany(p => Enumerable.Range(0, 10).Select(i => $"{p}-{i:00}")).Order(StringComparer.Ordinal);
        Assert.Equal(expected, Provider.Sanoid.SanoidConf.BlockNames(conf).Order(StringComparer.Ordinal));
        _host.Workspace.AssertEmptyPlan();
        _other.AssertEmptyPlan();

        // Sanoid itself accepts the file and snapshots every dataset of both workspaces.
        var run = _host.RunSanoidCron();
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        foreach (var prefix in new[] { "a", "b" })
        {
            for (var i = 0; i < 10; i++)
            {
                Assert.Contains(SnapshotHost.Snapshots($"{_pool.Name}/{prefix}{i:00}"), s => s.EndsWith("_hourly", StringComparison.Ordinal));
            }
        }

        // Destroying one workspace removes its ten blocks, not the other's.
        _other.Destroy();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"a-{i:00}"), Provider.Sanoid.SanoidConf.BlockNames(_host.SanoidConf).Order(StringComparer.Ordinal));
        _host.Workspace.AssertEmptyPlan();
    }

    [Fact]
    public void Create_refuses_a_policy_another_workspace_owns_and_says_how_to_import_it()
    {
        ZfsPool.Zfs("create", _pool.Name + "/persistent");
        var config = $$"""
            resource "homelab_sanoid_policy" "p" {
              name     = "persistent"
              datasets = ["{{_pool.Name}}/persistent"]
              hourly   = 24
            }
            """;
        _host.Workspace.WriteConfig(config);
        _host.Workspace.Apply();
        var owned = _host.SanoidConf;

        _other.WriteConfig(config.Replace("hourly   = 24", "hourly   = 2", StringComparison.Ordinal));
        var refused = _other.ApplyExpectError();
        Assert.Contains("Sanoid policy already exists", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("tofu import homelab_sanoid_policy.<label> persistent", refused.Stderr.Replace("\n", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("name", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(owned, _host.SanoidConf);
        Assert.Empty(_other.StateList());

        // Destroying the workspace whose create was refused leaves the owner's block alone.
        _other.Destroy();
        Assert.Equal(owned, _host.SanoidConf);
        _host.Workspace.AssertEmptyPlan();
    }

    [Fact]
    public void Create_refuses_a_hand_written_block_with_the_policy_name_and_import_adopts_it()
    {
        ZfsPool.Zfs("create", _pool.Name + "/persistent");
        _host.Workspace.WriteConfig($$"""
            resource "homelab_sanoid_policy" "p" {
              name     = "persistent"
              datasets = ["{{_pool.Name}}/persistent"]
              hourly   = 24
            }
            """);
        _host.Workspace.Apply();
        var block = _host.SanoidConf!;
        _host.Workspace.Run("state", "rm", "homelab_sanoid_policy.p");

        // The state is lost (or the block was written by hand): create refuses instead of adopting.
        var refused = _host.Workspace.ApplyExpectError();
        Assert.Contains("Sanoid policy already exists", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(block, _host.SanoidConf);

        _host.Workspace.Import("homelab_sanoid_policy.p", "persistent");
        _host.Workspace.Destroy();
        Assert.Null(_host.SanoidConf);
    }
}
