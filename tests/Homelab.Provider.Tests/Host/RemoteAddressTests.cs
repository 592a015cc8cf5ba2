using Homelab.Provider.Host;

namespace Homelab.Provider.Tests.Host;

[Trait(Tier.Name, Tier.Unit)]
public sealed class RemoteAddressTests
{
    [Theory]
    [InlineData("local", null, 22, null)]
    [InlineData("ssh://atlas", "atlas", 22, null)]
    [InlineData("ssh://ops@atlas.lan:2222", "atlas.lan", 2222, "ops")]
    [InlineData("ssh://root@[::1]:22", "::1", 22, "root")]
    [InlineData("ssh://root@127.0.0.1:40022/", "127.0.0.1", 40022, "root")]
    public void Valid_addresses_parse(string address, string? host, int port, string? user)
    {
        Assert.Null(RemoteAddress.TryParse(address, out var p));
        Assert.Equal(new RemoteAddress.Parsed(host, port, user), p);
    }

    [Theory]
    [InlineData("atlas")]
    [InlineData("http://atlas")]
    [InlineData("ssh://")]
    [InlineData("ssh://atlas:0")]
    [InlineData("ssh://atlas:99999")]
    [InlineData("ssh://atlas:ab")]
    [InlineData("ssh://a b@atlas")]
    [InlineData("ssh://atlas;rm")]
    [InlineData("ssh://at las")]
    public void Invalid_addresses_say_why(string address) =>
        Assert.NotNull(RemoteAddress.TryParse(address, out _));
}
