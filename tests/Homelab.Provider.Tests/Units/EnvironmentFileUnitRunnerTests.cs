using Homelab.Provider.Units;

namespace Homelab.Provider.Tests.Units;

/// <summary>
/// The same table through the test kit's unit runner (scripts/run-unit.py, which the sandbox uses
/// too): a unit's <c>EnvironmentFile=</c> reaches its command with every value intact, so the
/// tests that run the provider's restic units see the credentials systemd would give them.
/// </summary>
[Trait(Tier.Name, Tier.Host)]
public sealed class EnvironmentFileUnitRunnerTests
{
    [Theory]
    [MemberData(nameof(EnvironmentFileTests.Hostile), MemberType = typeof(EnvironmentFileTests))]
    public void The_unit_runner_reads_every_value_back_equal(string value)
    {
        using var dir = new TempDir("hl-envfile");
        var env = dir.Write("env", EnvironmentFile.Render(new Dictionary<string, string> { ["KEY"] = value, ["OTHER"] = "after" }));
        var unit = dir.Write("homelab-test-env.service",
            "[Service]\nType=oneshot\nEnvironmentFile=" + env + "\nExecStart=" + SystemdQuote.Line(["/bin/sh", "-c", "printf '<%s|%s>' \"$KEY\" \"$OTHER\""]) + "\n");

        var result = UnitRunner.Run(unit);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("<" + value + "|after>", result.Stdout);
    }
}
