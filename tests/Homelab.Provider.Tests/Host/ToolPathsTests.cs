using Homelab.Provider.Host;
using Homelab.Provider.Tests.TestKit;

namespace Homelab.Provider.Tests.Host;

[Trait(Tier.Name, Tier.Host)]
public sealed class ToolPathsTests
{
    /// <summary>A local connection that counts commands, to prove discovery runs once per remote.</summary>
    private static CountingConnection Counting(RemoteSettings settings) => new(new LocalConnection(settings));

    [Fact]
    public async Task Well_known_tools_are_discovered_in_one_command()
    {
        var c = Counting(new RemoteSettings { Name = "local" });
        var tools = new ToolPaths(c);
        var paths = await Task.WhenAll(tools.GetAsync("zfs", CancellationToken.None), tools.GetAsync("flock", CancellationToken.None), tools.GetAsync("zpool", CancellationToken.None));
        Assert.Equal("/usr/sbin/zfs", paths[0]);
        Assert.Equal(1, c.All);
    }

    [Fact]
    public async Task Overrides_win_and_are_not_probed()
    {
        var c = Counting(new RemoteSettings { Name = "local", Tools = new Dictionary<string, string> { ["zfs"] = "/opt/zfs" } });
        Assert.Equal("/opt/zfs", await new ToolPaths(c).GetAsync("zfs", CancellationToken.None));
        Assert.Equal(0, c.All);
    }

    [Fact]
    public async Task A_missing_tool_says_how_to_fix_it()
    {
        var c = Counting(new RemoteSettings { Name = "local" });
        var ex = await Assert.ThrowsAsync<HostException>(() => new ToolPaths(c).GetAsync("no-such-tool-hl", CancellationToken.None));
        Assert.Contains("`tools` map", ex.Message, StringComparison.Ordinal);
    }
}
