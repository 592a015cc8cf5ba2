using Homelab.Provider.Tests.Sanoid;
using Homelab.Provider.Tests.TestKit;

namespace Homelab.Provider.Tests.Syncoid;

/// <summary>
/// homelab_syncoid_job on a host shared with another workspace, or with a state dir others can
/// write: through the real terraform and the published provider.
/// </summary>
[Trait(Tier.Name, Tier.Acceptance)]
public sealed class SyncoidJobOwnershipAcceptanceTests : IDisposable
{
    private readonly SnapshotHost _host = new();
    private readonly ZfsPool _source = new();
    private readonly ZfsPool _backup = new();
    private readonly TerraformWorkspace _other;

    public SyncoidJobOwnershipAcceptanceTests()
    {
        _other = TerraformWorkspace.Create(ProviderBuild.Homelab);
        foreach (var (k, v) in _host.Workspace.Environment)
        {
            _other.Environment[k] = v;
        }
        ZfsPool.Zfs("create", _source.Name + "/data");
    }

    public void Dispose()
    {
        _other.Dispose();
        _host.Dispose();
        _source.Dispose();
        _backup.Dispose();
    }

    private string Units(string name) => Path.Combine(_host.StateDir, "units", name);

    private string Job(string target, string extra = "") => $$"""
        resource "homelab_syncoid_job" "j" {
          name                = "replica"
          source              = "{{_source.Name}}/data"
          target              = "{{target}}"
          privilege_elevation = false
          {{extra}}
        }
        """;

    [Fact]
    public void Create_refuses_unit_files_another_workspace_owns_and_destroy_leaves_them()
    {
        _host.Workspace.WriteConfig(Job($"{_backup.Name}/data"));
        _host.Workspace.Apply();
        var service = File.ReadAllText(Units("homelab-syncoid-replica.service"));
        var timer = File.ReadAllText(Units("homelab-syncoid-replica.timer"));

        _other.WriteConfig(Job($"{_backup.Name}/elsewhere"));
        var refused = _other.ApplyExpectError();
        Assert.Contains("Syncoid job already exists", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("tofu import homelab_syncoid_job.<label> replica", refused.Stderr.Replace("\n", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(service, File.ReadAllText(Units("homelab-syncoid-replica.service")));
        Assert.Equal(timer, File.ReadAllText(Units("homelab-syncoid-replica.timer")));
        _other.Destroy();
        Assert.Equal(service, File.ReadAllText(Units("homelab-syncoid-replica.service")));

        // Lost state: the same workspace refuses too, and import adopts the job.
        _host.Workspace.Run("state", "rm", "homelab_syncoid_job.j");
        Assert.Contains("Syncoid job already exists", _host.Workspace.ApplyExpectError().Stderr, StringComparison.Ordinal);
        _host.Workspace.Import("homelab_syncoid_job.j", "replica");
        _host.Workspace.Destroy();
        Assert.False(File.Exists(Units("homelab-syncoid-replica.service")));
    }

    [Theory]
    [InlineData("-oProxyCommand=touch@nas.lan:tank/data")]
    [InlineData("-l@nas.lan:tank/data")]
    public void An_endpoint_user_that_ssh_would_read_as_an_option_is_refused_at_plan(string target)
    {
        _host.Workspace.WriteConfig(Job(target));
        var refused = _host.Workspace.ApplyExpectError();
        Assert.Contains("Invalid dataset", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("not starting with `-`", refused.Stderr.Replace("\n", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_host.StateDir, "units")));
    }

    [Fact]
    public void Units_are_not_installed_into_a_state_dir_others_can_write()
    {
        File.SetUnixFileMode(_host.StateDir, (UnixFileMode)0b111_111_111);
        _host.Workspace.WriteConfig(Job($"{_backup.Name}/data"));
        var refused = _host.Workspace.ApplyExpectError();
        Assert.Contains("Unsafe state directory", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("chmod go-w", refused.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Units("homelab-syncoid-replica.service")));

        File.SetUnixFileMode(_host.StateDir, (UnixFileMode)0b111_101_101);
        _host.Workspace.Apply();
        Assert.True(File.Exists(Units("homelab-syncoid-replica.service")));
    }
}
