using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Host;

namespace Homelab.Provider.Tests.Host;

[Trait(Tier.Name, Tier.Unit)]
public sealed class ProviderConfigTests
{
    private static readonly TfType Type = ProviderConfig.Schema.ImpliedType;
    private static readonly TfType RemoteType = Type.AttributeType("remote").Element!;

    private static TfValue Remote(string name, string? address = null, bool? sudo = null) => TfValue.Object(RemoteType,
    [
        KeyValuePair.Create("name", TfValue.String(name)),
        KeyValuePair.Create("address", TfValueAccessors.StringOrNull(address)),
        KeyValuePair.Create("sudo", sudo is null ? TfValue.Null(TfType.Bool) : TfValue.Bool(sudo.Value)),
    ]);

    private static TfValue Config(string? defaultRemote, params TfValue[] remotes) => TfValue.Object(Type,
    [
        KeyValuePair.Create("default_remote", TfValueAccessors.StringOrNull(defaultRemote)),
        KeyValuePair.Create("remote", TfValue.List(RemoteType, remotes)),
    ]);

    private static HostRegistry Build(TfValue config, Dictionary<string, string>? env = null)
    {
        var diags = new DiagnosticBag();
        var registry = ProviderConfig.Build(config, n => env?.GetValueOrDefault(n), diags);
        Assert.False(diags.HasErrors, diags.ToString());
        return registry;
    }

    [Fact]
    public void Without_blocks_the_local_remote_is_the_default()
    {
        var r = Build(Config(null));
        Assert.Equal("local", r.DefaultRemote);
        Assert.True(r.SettingsOf(null)!.IsLocal);
        Assert.Equal("/var/lib/homelab", r.SettingsOf(null)!.StateDir);
    }

    [Fact]
    public void A_single_block_becomes_the_default_and_local_stays_available()
    {
        var r = Build(Config(null, Remote("atlas", "ssh://ops@atlas.lan:2222")));
        Assert.Equal("atlas", r.DefaultRemote);
        var s = r.SettingsOf("atlas")!;
        Assert.Equal(("atlas.lan", 2222, "ops"), (s.SshHost, s.SshPort, s.SshUser));
        Assert.True(r.Contains("local"));
    }

    [Fact]
    public void Environment_fills_unset_settings_and_config_wins()
    {
        var env = new Dictionary<string, string>
        {
            [HostEnvironment.PrivateKeyFile] = "/keys/id",
            [HostEnvironment.Sudo] = "true",
            [HostEnvironment.StateDir] = "/srv/state",
            [HostEnvironment.CommandTimeout] = "42",
        };
        var r = Build(Config("b", Remote("a", "ssh://a"), Remote("b", "ssh://b", sudo: false)), env);
        Assert.Equal("/keys/id", r.SettingsOf("a")!.PrivateKeyFile);
        Assert.True(r.SettingsOf("a")!.Sudo);
        Assert.False(r.SettingsOf("b")!.Sudo);
        Assert.Equal("/srv/state", r.SettingsOf("local")!.StateDir);
        Assert.Equal(TimeSpan.FromSeconds(42), r.SettingsOf("b")!.CommandTimeout);
    }

    [Fact]
    public void HOMELAB_ADDRESS_defines_an_implicit_default_remote()
    {
        var r = Build(Config(null), new Dictionary<string, string> { [HostEnvironment.Address] = "ssh://root@10.0.0.2", [HostEnvironment.HostKeyFingerprint] = "SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8" });
        Assert.Equal("default", r.DefaultRemote);
        Assert.Equal("10.0.0.2", r.SettingsOf(null)!.SshHost);
        Assert.Equal("SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8", r.SettingsOf(null)!.HostKeyFingerprint);
    }

    [Fact]
    public void Duplicate_names_and_unknown_default_remotes_are_diagnosed_with_paths()
    {
        var diags = new DiagnosticBag();
        ProviderConfig.Validate(Config("nope", Remote("a"), Remote("a")), diags);
        Assert.Contains(diags, d => d.Summary == "Duplicate remote" && d.Path!.ToString() == "remote[1].name");
        Assert.Contains(diags, d => d.Summary == "Unknown default remote" && d.Path!.ToString() == "default_remote");
    }

    [Fact]
    public void Unknown_remote_names_say_which_exist()
    {
        var ex = Assert.Throws<HostException>(() => Build(Config(null)).Get("atlas"));
        Assert.Contains("local", ex.Message, StringComparison.Ordinal);
    }
}
