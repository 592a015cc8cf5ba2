using Homelab.NixGen.Tests.TestKit;
using Homelab.Testing;

namespace Homelab.NixGen.Tests.Scripts;

/// <summary>Runs the rendered homelab-units.sh under bash with a fake runtime unit dir and a recording systemctl.</summary>
[Trait(Tier.Name, Tier.Host)]
public sealed class HomelabUnitsTests : IDisposable
{
    private readonly RenderedScripts _scripts = new();
    private readonly TempDir _dir = new();

    public void Dispose()
    {
        _dir.Dispose();
        _scripts.Dispose();
    }

    private string Units => _dir.Combine("state", "units");

    private string RuntimeDir => _dir.Combine("run-systemd-system");

    private string SystemctlLog => _dir.Combine("systemctl.log");

    [Fact]
    public void Links_units_and_drop_ins_reloads_and_starts_timers()
    {
        _dir.Write("state/units/syncoid-home.service", "[Service]\nType=oneshot\n");
        _dir.Write("state/units/syncoid-home.timer", "[Timer]\nOnCalendar=*:0/30\n");
        _dir.Write("state/units/restic-b2.service", "[Service]\n");
        _dir.Write("state/units/restic-b2.timer", "[Timer]\n");
        _dir.Write("state/units/sanoid.service.d/ntfy.conf", "[Unit]\nOnFailure=failure-notify@%n.service\n");

        var result = RunScript();

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var name in new[] { "syncoid-home.service", "syncoid-home.timer", "restic-b2.service", "restic-b2.timer" })
        {
            Assert.Equal(Path.Combine(Units, name), new FileInfo(Path.Combine(RuntimeDir, name)).LinkTarget);
        }

        Assert.Equal(Path.Combine(Units, "sanoid.service.d", "ntfy.conf"), new FileInfo(Path.Combine(RuntimeDir, "sanoid.service.d", "ntfy.conf")).LinkTarget);
        Assert.Equal(["daemon-reload", "start -- restic-b2.timer syncoid-home.timer"], File.ReadAllLines(SystemctlLog));
    }

    [Fact]
    public void Removes_links_to_units_the_provider_deleted_but_keeps_foreign_files()
    {
        _dir.Write("state/units/a.service", "[Service]\n");
        _dir.Write("state/units/a.timer", "[Timer]\n");
        _dir.Write("state/units/a.service.d/x.conf", "[Unit]\n");
        Assert.Equal(0, RunScript().ExitCode);
        File.Delete(Path.Combine(Units, "a.timer"));
        Directory.Delete(Path.Combine(Units, "a.service.d"), recursive: true);
        var foreign = _dir.Write("run-systemd-system/other.service", "[Service]\n");

        var result = RunScript();

        Assert.True(result.ExitCode == 0, result.ToString());
        var removed = new FileInfo(Path.Combine(RuntimeDir, "a.timer"));
        Assert.False(removed.Exists || removed.LinkTarget is not null, "the link to the deleted a.timer is still there");
        Assert.False(Directory.Exists(Path.Combine(RuntimeDir, "a.service.d")));
        Assert.NotNull(new FileInfo(Path.Combine(RuntimeDir, "a.service")).LinkTarget);
        Assert.True(File.Exists(foreign));
        Assert.Equal("daemon-reload", File.ReadAllLines(SystemctlLog)[^1]);
    }

    [Fact]
    public void Never_replaces_a_unit_file_it_did_not_link()
    {
        _dir.Write("state/units/clash.service", "[Service]\n# ours\n");
        var existing = _dir.Write("run-systemd-system/clash.service", "[Service]\n# someone else's\n");

        var result = RunScript();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Null(new FileInfo(existing).LinkTarget);
        Assert.Contains("someone else's", File.ReadAllText(existing), StringComparison.Ordinal);
        Assert.Contains("not replacing", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_state_dir_only_reloads()
    {
        var result = RunScript();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["daemon-reload"], File.ReadAllLines(SystemctlLog));
    }

    [Fact]
    public void A_failing_daemon_reload_fails_the_unit()
    {
        var bin = _dir.Combine("bin");
        RenderedScripts.Shim(bin, "systemctl-broken", "echo 'Failed to connect to bus' >&2; exit 1");

        var result = RunScript(Path.Combine(bin, "systemctl-broken"));

        Assert.NotEqual(0, result.ExitCode);
    }

    private ProcessResult RunScript(string? systemctl = null)
    {
        var bin = _dir.Combine("bin");
        RenderedScripts.Shim(bin, "systemctl", $"echo \"$*\" >> '{SystemctlLog}'");
        return ProcessRunner.Run("bash", [_scripts.PathOf("homelab-units.sh")], null, new Dictionary<string, string?>
        {
            ["HOMELAB_STATE_DIR"] = _dir.Combine("state"),
            ["HOMELAB_RUNTIME_UNIT_DIR"] = RuntimeDir,
            ["SYSTEMCTL"] = systemctl ?? Path.Combine(bin, "systemctl"),
        });
    }
}
