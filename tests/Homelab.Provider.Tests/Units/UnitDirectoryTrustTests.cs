using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Host;
using Homelab.Provider.Units;

namespace Homelab.Provider.Tests.Units;

/// <summary>
/// Unit files are linked into /run/systemd/system and run as root, so they are installed only
/// into a state dir that nobody but root (or the provider's own user) can change: real sh, stat
/// and chown on this machine.
/// </summary>
[Trait(Tier.Name, Tier.Host)]
public sealed class UnitDirectoryTrustTests : IDisposable
{
    private static readonly UnitFile Service = new("homelab-test-a.service", "[Service]\nType=oneshot\nExecStart=/bin/true\n");

    private readonly TempDir _dir = new("hl-trust");
    private readonly Remote _remote;

    public UnitDirectoryTrustTests()
    {
        _remote = Remote.For(new RemoteSettings { Name = "local", StateDir = _dir.File("state") });
    }

    public void Dispose() => _dir.Dispose();

    private string Units => _dir.File("state/units");

    private async Task<HostException> InstallFails()
    {
        var error = await Assert.ThrowsAsync<HostException>(() => new SystemdUnits(_remote).InstallAsync([Service], [], CancellationToken.None));
        Assert.Equal("Unsafe state directory", error.Summary);
        return error;
    }

    [Fact]
    public async Task A_root_owned_state_dir_without_group_or_world_write_is_accepted()
    {
        await new SystemdUnits(_remote).InstallAsync([Service], [], CancellationToken.None);
        Assert.Equal(Service.Content, File.ReadAllText(Path.Combine(Units, Service.Name)));
    }

    [Theory]
    [InlineData("state", "777")]
    [InlineData("state", "775")]
    [InlineData("state/units", "757")]
    [InlineData("", "777")]
    public async Task A_group_or_world_writable_directory_is_refused_before_anything_is_written(string relative, string mode)
    {
        Directory.CreateDirectory(Units);
        ProcessRunner.Check("chmod", mode, relative.Length == 0 ? _dir.Path : _dir.File(relative));
        var error = await InstallFails();
        Assert.Contains("writable by group or others", error.Message, StringComparison.Ordinal);
        Assert.Contains("chmod go-w", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Units, Service.Name)));
    }

    [Fact]
    public async Task A_state_dir_owned_by_another_user_is_refused()
    {
        Directory.CreateDirectory(Units);
        ProcessRunner.Check("chown", "65534", _dir.File("state"));
        var error = await InstallFails();
        Assert.Contains("owned by uid 65534", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Units, Service.Name)));
    }

    [Fact]
    public async Task A_unit_file_someone_else_can_write_is_refused()
    {
        Directory.CreateDirectory(Units);
        File.WriteAllText(Path.Combine(Units, Service.Name), "old");
        ProcessRunner.Check("chmod", "666", Path.Combine(Units, Service.Name));
        await InstallFails();
        Assert.Equal("old", File.ReadAllText(Path.Combine(Units, Service.Name)));
    }

    [Fact]
    public async Task A_sticky_world_writable_ancestor_such_as_tmp_is_accepted()
    {
        // The temp dir lives in /tmp (mode 1777): nobody else can rename entries there.
        Assert.True((File.GetUnixFileMode("/tmp") & UnixFileMode.StickyBit) != 0);
        await new SystemdUnits(_remote).InstallAsync([Service], [], CancellationToken.None);
    }

    [Fact]
    public async Task Installing_new_files_refuses_a_unit_that_already_exists_and_leaves_it_alone()
    {
        var units = new SystemdUnits(_remote);
        await units.InstallAsync([new UnitFile("homelab-test-a.timer", "theirs")], [], CancellationToken.None);
        var error = await Assert.ThrowsAsync<DiagnosticException>(() => units.InstallAsync(
            [Service, new UnitFile("homelab-test-a.timer", "mine")], [], CancellationToken.None, () => new DiagnosticException("exists", "import it")));
        Assert.Equal("exists", error.Summary);
        Assert.Equal("theirs", await units.ReadAsync("homelab-test-a.timer", CancellationToken.None));
        Assert.Null(await units.ReadAsync(Service.Name, CancellationToken.None));
    }
}
