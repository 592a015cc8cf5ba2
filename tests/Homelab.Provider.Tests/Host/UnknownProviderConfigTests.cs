using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Host;

namespace Homelab.Provider.Tests.Host;

/// <summary>
/// A provider block may hold values known only after apply (an address taken from another
/// resource). Such a remote must never fall back to a default such as running locally.
/// </summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class UnknownProviderConfigTests
{
    private static readonly TfType Type = ProviderConfig.Schema.ImpliedType;
    private static readonly TfType RemoteType = Type.AttributeType("remote").Element!;

    private static TfValue Remote(TfValue name, TfValue address) => TfValue.Object(RemoteType,
    [
        KeyValuePair.Create("name", name),
        KeyValuePair.Create("address", address),
    ]);

    private static HostRegistry Build(TfValue config)
    {
        var diags = new DiagnosticBag();
        var registry = ProviderConfig.Build(config, _ => null, diags);
        Assert.False(diags.HasErrors, diags.ToString());
        return registry;
    }

    [Fact]
    public void A_remote_with_an_unknown_address_refuses_commands_instead_of_running_locally()
    {
        var registry = Build(TfValue.Object(Type,
        [
            KeyValuePair.Create("default_remote", TfValue.String("atlas")),
            KeyValuePair.Create("remote", TfValue.List(RemoteType, [Remote(TfValue.String("atlas"), TfValue.Unknown(TfType.String))])),
        ]));
        var ex = Assert.Throws<HostException>(() => registry.Get(null));
        Assert.Equal("Remote not known yet", ex.Summary);
        Assert.Contains("\"atlas\"", ex.Message, StringComparison.Ordinal);
        // The always-present local remote stays usable.
        Assert.Equal("local", registry.Get("local").Settings.Name);
    }

    [Fact]
    public void An_unknown_remote_list_makes_every_remote_unusable()
    {
        var registry = Build(TfValue.Object(Type,
        [
            KeyValuePair.Create("remote", TfValue.Unknown(TfType.List(RemoteType))),
        ]));
        Assert.Equal("Remote not known yet", Assert.Throws<HostException>(() => registry.Get(null)).Summary);
        Assert.Equal("Remote not known yet", Assert.Throws<HostException>(() => registry.Get("local")).Summary);
    }

    [Fact]
    public void An_unknown_remote_name_makes_every_remote_unusable()
    {
        var registry = Build(TfValue.Object(Type,
        [
            KeyValuePair.Create("remote", TfValue.List(RemoteType, [Remote(TfValue.Unknown(TfType.String), TfValue.String("ssh://root@h"))])),
        ]));
        Assert.True(registry.AllUnresolved);
        Assert.Throws<HostException>(() => registry.Get(null));
    }

    [Fact]
    public void A_wholly_known_configuration_resolves_every_remote()
    {
        var registry = Build(TfValue.Object(Type,
        [
            KeyValuePair.Create("remote", TfValue.List(RemoteType, [Remote(TfValue.String("atlas"), TfValue.String("ssh://root@atlas.lan"))])),
        ]));
        Assert.False(registry.AllUnresolved);
        Assert.Empty(registry.Unresolved);
        Assert.Equal("atlas.lan", registry.SettingsOf("atlas")!.SshHost);
    }
}
