using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Host;

namespace Homelab.Provider.Tests.Host;

/// <summary>
/// <c>HOMELAB_*</c> defaults pass the validators of the attributes they stand for, and <c>~</c>
/// in local path settings is the home directory of the user running tofu (issue 11).
/// </summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class EnvironmentDefaultsTests
{
    private static readonly TfType Type = ProviderConfig.Schema.ImpliedType;
    private static readonly TfType RemoteType = Type.AttributeType("remote").Element!;

    private static TfValue Config(params TfValue[] remotes) => TfValue.Object(Type,
    [
        KeyValuePair.Create("default_remote", TfValue.Null(TfType.String)),
        KeyValuePair.Create("remote", TfValue.List(RemoteType, remotes)),
    ]);

    private static TfValue SshRemote(string? keyFile, string? knownHosts) => TfValue.Object(RemoteType,
    [
        KeyValuePair.Create("name", TfValue.String("atlas")),
        KeyValuePair.Create("address", TfValue.String("ssh://root@atlas.lan")),
        KeyValuePair.Create("private_key_file", TfValueAccessors.StringOrNull(keyFile)),
        KeyValuePair.Create("known_hosts_file", TfValueAccessors.StringOrNull(knownHosts)),
    ]);

    private static (HostRegistry Registry, DiagnosticBag Diagnostics) Build(TfValue config, Dictionary<string, string> env)
    {
        var diagnostics = new DiagnosticBag();
        return (ProviderConfig.Build(config, n => env.GetValueOrDefault(n), diagnostics), diagnostics);
    }

    public static TheoryData<string, string> BadValues => new()
    {
        { HostEnvironment.StateDir, "relative/state" },
        { HostEnvironment.StateDir, "/var/lib/homelab\n" },
        { HostEnvironment.StateDir, "/var/lib/../etc" },
        { HostEnvironment.DefaultRemote, "Atlas" },
        { HostEnvironment.DefaultRemote, "atlas\n" },
        { HostEnvironment.Address, "ftp://atlas" },
        { HostEnvironment.HostKeyFingerprint, "MD5:aa:bb" },
        { HostEnvironment.CommandTimeout, "5m" },
        { HostEnvironment.CommandTimeout, "0" },
        { HostEnvironment.Sudo, "ture" },
        { HostEnvironment.InsecureSkipHostKeyCheck, "si" },
        { HostEnvironment.PrivateKeyFile, "/keys/id\n" },
        { HostEnvironment.KnownHostsFile, "~ops/.ssh/known_hosts" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void A_bad_environment_default_is_an_error_naming_the_variable(string variable, string value)
    {
        var (_, diagnostics) = Build(Config(), new Dictionary<string, string> { [variable] = value });

        var error = Assert.Single(diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal($"Invalid {variable}", error.Summary);
        Assert.Contains(variable, error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Good_environment_defaults_are_used()
    {
        var (registry, diagnostics) = Build(Config(), new Dictionary<string, string>
        {
            [HostEnvironment.StateDir] = "/srv/state",
            [HostEnvironment.CommandTimeout] = "42",
            [HostEnvironment.Sudo] = "yes",
        });
        Assert.False(diagnostics.HasErrors, diagnostics.ToString());
        var local = registry.SettingsOf("local")!;
        Assert.Equal(("/srv/state", 42.0, true), (local.StateDir, local.CommandTimeout.TotalSeconds, local.Sudo));
    }

    [Fact]
    public void Tilde_in_key_and_known_hosts_paths_is_the_home_of_the_user_running_tofu()
    {
        var (registry, diagnostics) = Build(Config(SshRemote("~/.ssh/id_ed25519", "~/.ssh/known_hosts")), new Dictionary<string, string> { ["HOME"] = "/home/ops" });
        Assert.False(diagnostics.HasErrors, diagnostics.ToString());
        var atlas = registry.SettingsOf("atlas")!;
        Assert.Equal(("/home/ops/.ssh/id_ed25519", "/home/ops/.ssh/known_hosts"), (atlas.PrivateKeyFile, atlas.KnownHostsFile));
    }

    [Fact]
    public void Tilde_in_environment_defaults_is_expanded_too()
    {
        var (registry, diagnostics) = Build(Config(SshRemote(null, null)), new Dictionary<string, string>
        {
            ["HOME"] = "/home/ops/",
            [HostEnvironment.PrivateKeyFile] = "~/.ssh/id",
            [HostEnvironment.KnownHostsFile] = "~",
        });
        Assert.False(diagnostics.HasErrors, diagnostics.ToString());
        var atlas = registry.SettingsOf("atlas")!;
        Assert.Equal(("/home/ops/.ssh/id", "/home/ops"), (atlas.PrivateKeyFile, atlas.KnownHostsFile));
    }

    [Fact]
    public void Tilde_without_HOME_is_an_error_on_the_attribute()
    {
        var (_, diagnostics) = Build(Config(SshRemote("~/.ssh/id", null)), []);
        var error = Assert.Single(diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal(AttrPath.Attribute("remote").Index(0).Attr("private_key_file"), error.Path);
    }

    [Theory]
    [InlineData("~/.ssh/id", null)]
    [InlineData("/abs/key", null)]
    [InlineData("relative/key", null)]
    [InlineData("~ops/.ssh/id", "~user")]
    [InlineData("/keys/id\n", "line")]
    [InlineData("/keys/\u202Eid", "line")]
    [InlineData("", "empty")]
    public void Local_paths_are_one_line_and_tilde_means_only_home(string path, string? problem)
    {
        var found = LocalPath.Problem(path);
        if (problem is null)
        {
            Assert.Null(found);
        }
        else
        {
            Assert.NotNull(found);
        }
    }

    public static TheoryData<string, string> BadRemotePaths => new()
    {
        { "state_dir", "/var/lib/homelab\n" },
        { "state_dir", "var/lib/homelab" },
        { "state_dir", "/var/lib/\u2028homelab" },
        { "private_key_file", "~/.ssh/id\n" },
        { "private_key_file", "~/.ssh/\uFEFFid" },
        { "private_key_file", "~root/.ssh/id" },
        { "known_hosts_file", "/etc/ssh/known_hosts\r" },
        { "known_hosts_file", "/etc/ssh/\u202Eknown_hosts" },
    };

    [Theory]
    [MemberData(nameof(BadRemotePaths))]
    public void Remote_path_settings_are_whole_string_single_line_paths(string attribute, string value)
    {
        var remote = ProviderConfig.Schema.Blocks.Single(b => b.TypeName == "remote").Block;
        var validators = remote.Attributes.Single(a => a.Name == attribute).Validators;
        var diagnostics = new DiagnosticBag();
        foreach (var validator in validators)
        {
            validator.Validate(TfValue.String(value), AttrPath.Attribute("remote").Index(0).Attr(attribute), diagnostics);
        }
        Assert.True(diagnostics.HasErrors, $"{attribute} = {Framework.Schema.Validators.Printable(value)} was accepted");
    }
}
