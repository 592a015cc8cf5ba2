using Homelab.Provider.Units;

namespace Homelab.Provider.Tests.Units;

/// <summary>
/// The test kit's unit runner (scripts/run-unit.py, also the sandbox's) applies the settings the
/// provider's hardened units rely on for real, as systemd does: <c>User=</c> (setpriv), a private
/// <c>LoadCredential=</c> copy owned by that user (0500 directory, 0400 files, removed afterwards),
/// <c>AmbientCapabilities=</c>, <c>CapabilityBoundingSet=</c> and <c>MemoryDenyWriteExecute=</c>
/// (the kernel's PR_SET_MDWE), so the job tests that run units prove the tools work under them.
/// </summary>
[Trait(Tier.Name, Tier.Host)]
public sealed class UnitRunnerSandboxTests : IDisposable
{
    private readonly TempDir _dir = new("hl-runner-sandbox");
    private readonly UnitRunnerUser _user = new("hlc");

    public void Dispose()
    {
        _dir.Dispose();
        _user.Dispose();
    }

    private ProcessResult Run(string settings, string script)
    {
        var secret = _dir.Write("secret", "credential-value\n");
        File.SetUnixFileMode(secret, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var unit = _dir.Write("homelab-test-runner.service",
            "[Service]\nType=oneshot\n" + settings + UnitValue.Line("LoadCredential", "secret:" + secret) +
            "ExecStart=" + SystemdQuote.Line(["/bin/sh", "-c", script]) + "\n");
        return UnitRunner.Run(unit);
    }

    private const string Probe = """
        id -un
        echo "dir=$CREDENTIALS_DIRECTORY"
        stat -c '%U %a' "$CREDENTIALS_DIRECTORY" "$CREDENTIALS_DIRECTORY/secret"
        cat "$CREDENTIALS_DIRECTORY/secret"
        grep -E '^Cap(Amb|Bnd)' /proc/self/status
        cat "$1" && echo root-only-read
        """;

    [Fact]
    public void A_user_with_ambient_read_search_gets_its_own_credential_copy_and_reads_a_root_only_file()
    {
        var rootOnly = _dir.Write("root-only", "root data\n");
        File.SetUnixFileMode(rootOnly, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var result = Run($"User={_user.Name}\nAmbientCapabilities=CAP_DAC_READ_SEARCH\nCapabilityBoundingSet=CAP_DAC_READ_SEARCH\nNoNewPrivileges=yes\n",
            Probe.Replace("$1", rootOnly, StringComparison.Ordinal));
        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n');
        Assert.Equal(_user.Name, lines[0]);
        Assert.Equal([$"{_user.Name} 500", $"{_user.Name} 400", "credential-value"], lines[2..5]);
        // CAP_DAC_READ_SEARCH is bit 2: the only capability, in the bounding and the ambient set.
        Assert.Equal(["CapBnd:\t0000000000000004", "CapAmb:\t0000000000000004"], lines[5..7]);
        Assert.Contains("root-only-read", lines);
        // The private copy is gone once the unit ran.
        Assert.False(Directory.Exists(lines[1]["dir=".Length..]));
    }

    [Fact]
    public void Without_ambient_capabilities_the_user_cannot_read_a_root_only_file()
    {
        var rootOnly = _dir.Write("root-only", "root data\n");
        File.SetUnixFileMode(rootOnly, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var result = Run($"User={_user.Name}\nCapabilityBoundingSet=\n", Probe.Replace("$1", rootOnly, StringComparison.Ordinal));
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("credential-value", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("CapBnd:\t0000000000000000", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Permission denied", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("root-only-read", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Memory_deny_write_execute_refuses_a_writable_executable_mapping()
    {
        const string Map = "import mmap; mmap.mmap(-1, 4096, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC); print('mapped')";
        var denied = UnitRunner.Run(_dir.Write("homelab-test-mdwe.service",
            "[Service]\nType=oneshot\nMemoryDenyWriteExecute=yes\nExecStart=" + SystemdQuote.Line(["/usr/bin/python3", "-c", Map]) + "\n"));
        if (denied.Stderr.Contains("MemoryDenyWriteExecute= not applied", StringComparison.Ordinal))
        {
            // A kernel before 6.3 cannot do it: the runner says so instead of pretending.
            Assert.Equal(0, denied.ExitCode);
            return;
        }
        Assert.NotEqual(0, denied.ExitCode);
        Assert.Contains("PermissionError", denied.Stderr, StringComparison.Ordinal);
        var allowed = UnitRunner.Run(_dir.Write("homelab-test-wx.service",
            "[Service]\nType=oneshot\nExecStart=" + SystemdQuote.Line(["/usr/bin/python3", "-c", Map]) + "\n"));
        Assert.True(allowed.ExitCode == 0 && allowed.Stdout.Contains("mapped", StringComparison.Ordinal), allowed.ToString());
    }
}
