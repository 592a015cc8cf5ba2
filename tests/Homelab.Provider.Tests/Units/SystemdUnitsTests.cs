using Homelab.Provider.Host;
using Homelab.Provider.Units;

namespace Homelab.Provider.Tests.Units;

/// <summary>
/// Runs against this machine. systemd is installed but not PID 1 here (no /run/systemd/system), so
/// these tests pin the "files only + warning" path; the linking path needs a systemd host.
/// </summary>
[Trait(Tier.Name, Tier.Host)]
public sealed class SystemdUnitsTests : IDisposable
{
    private readonly TempDir _dir = new("hl-units");
    private readonly Remote _remote;

    public SystemdUnitsTests()
    {
        _remote = Remote.For(new RemoteSettings { Name = "local", StateDir = _dir.File("state") });
    }

    public void Dispose() => _dir.Dispose();

    private static bool SystemdRuns => Directory.Exists("/run/systemd/system");

    [Fact]
    public async Task Install_writes_the_files_and_warns_when_systemd_is_not_running()
    {
        Assert.False(SystemdRuns, "this test expects a machine where systemd is not PID 1");
        var units = new SystemdUnits(_remote);
        var files = new[]
        {
            new UnitFile("homelab-test-a.service", "[Service]\nType=oneshot\nExecStart=/bin/true\n"),
            new UnitFile("homelab-test-a.timer", "[Timer]\nOnCalendar=daily\n"),
            new UnitFile("zfs-scrub.service.d/homelab-alert.conf", "[Unit]\nOnFailure=failure-notify@%n.service\n"),
        };
        var warning = await units.InstallAsync(files, ["homelab-test-a.timer"], CancellationToken.None);
        Assert.NotNull(warning);
        Assert.Contains("systemd is not running", warning, StringComparison.Ordinal);
        foreach (var f in files)
        {
            Assert.Equal(f.Content, await units.ReadAsync(f.Name, CancellationToken.None));
            Assert.Equal(f.Content, File.ReadAllText(_dir.File("state/units/" + f.Name)));
        }
    }

    [Fact]
    public async Task Remove_deletes_only_the_named_files()
    {
        var units = new SystemdUnits(_remote);
        await units.InstallAsync(
            [new UnitFile("homelab-test-a.service", "a"), new UnitFile("homelab-test-b.service", "b")], [], CancellationToken.None);
        var warning = await units.RemoveAsync(["homelab-test-a.service", "homelab-test-a.timer"], CancellationToken.None);
        Assert.NotNull(warning);
        Assert.Null(await units.ReadAsync("homelab-test-a.service", CancellationToken.None));
        Assert.Equal("b", await units.ReadAsync("homelab-test-b.service", CancellationToken.None));
    }

    [Theory]
    [InlineData("../escape.service")]
    [InlineData("/etc/systemd/system/x.service")]
    [InlineData("x.conf")]
    [InlineData("a b.service")]
    [InlineData(".hidden.service")]
    public async Task Bad_file_names_are_refused_before_anything_is_written(string name)
    {
        var units = new SystemdUnits(_remote);
        await Assert.ThrowsAsync<ArgumentException>(() => units.InstallAsync([new UnitFile(name, "x")], [], CancellationToken.None));
        Assert.False(Directory.Exists(_dir.File("state/units")));
    }

    [Theory]
    [InlineData("*:0/30", true)]
    [InlineData("daily", true)]
    [InlineData("Mon..Fri 02:00", true)]
    [InlineData("every half hour", false)]
    [InlineData("-h", false)]
    [InlineData("", false)]
    public async Task Calendar_expressions_are_checked_by_systemd_analyze(string expression, bool valid)
    {
        var error = await Calendar.ValidateAsync(_remote, expression, CancellationToken.None);
        Assert.Equal(valid, error is null);
    }

    [Theory]
    [InlineData("replica", true)]
    [InlineData("a_b-9", true)]
    [InlineData("Replica", false)]
    [InlineData("-x", false)]
    [InlineData("a.b", false)]
    [InlineData("a@b", false)]
    public void Unit_name_grammar(string name, bool valid)
    {
        Assert.Equal(valid, UnitNames.IsValidName(name));
    }
}
