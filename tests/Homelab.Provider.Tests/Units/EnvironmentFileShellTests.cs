using Homelab.Provider.Units;

namespace Homelab.Provider.Tests.Units;

/// <summary>
/// The same table through a second real reader: POSIX <c>sh</c> agrees with systemd on the
/// double-quoted form the encoder writes (the form is chosen so that both read it the same way).
/// </summary>
[Trait(Tier.Name, Tier.Host)]
public sealed class EnvironmentFileShellTests
{
    [Theory]
    [MemberData(nameof(EnvironmentFileTests.Hostile), MemberType = typeof(EnvironmentFileTests))]
    public void Sh_reads_every_value_back_equal(string value)
    {
        using var dir = new TempDir("hl-envfile");
        var file = dir.File("env");
        File.WriteAllText(file, EnvironmentFile.Render(new Dictionary<string, string> { ["KEY"] = value }));
        var (code, stdout, stderr) = ProcessRunner.Run("/bin/sh", "-c", ". \"$1\" && printf '<%s>' \"$KEY\"", "sh", file);
        Assert.True(code == 0, stderr);
        // Framed: a reader of the output would drop a BOM at its very start.
        Assert.Equal("<" + value + ">", stdout);
    }
}
