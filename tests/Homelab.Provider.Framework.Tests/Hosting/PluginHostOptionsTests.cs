using System.Security.Cryptography.X509Certificates;
using Homelab.Provider.Framework.Hosting;
using Homelab.Provider.Framework.Tests.TestKit;
using Homelab.Testing;

namespace Homelab.Provider.Framework.Tests.Hosting;

/// <summary>The host's options: what derives from the plugin's name, and which names are accepted.</summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class PluginHostOptionsTests
{
    [Fact]
    public void Everything_derives_from_the_name()
    {
        var options = new PluginHostOptions("homelab");

        Assert.Equal("homelab", options.Name);
        Assert.Equal("homelab", options.LogModule);
        Assert.Equal("HOMELAB", options.EnvironmentPrefix);
        Assert.Equal("HOMELAB_PLUGIN_TRANSPORT", options.TransportVariable);
        Assert.Equal("plugin-homelab-", options.SocketPrefix);
        Assert.Equal("plugin-homelab-debug-", options.DebugDirectoryPrefix);
        Assert.Equal("homelab", options.CertificateOrganization);
    }

    [Fact]
    public void Dashes_become_underscores_in_the_environment_prefix()
    {
        var options = new PluginHostOptions("my-cloud_2");

        Assert.Equal("MY_CLOUD_2", options.EnvironmentPrefix);
        Assert.Equal("MY_CLOUD_2_PLUGIN_TRANSPORT", options.TransportVariable);
        Assert.Equal("plugin-my-cloud_2-", options.SocketPrefix);
    }

    [Fact]
    public void The_default_is_named_after_the_provider_type_name()
    {
        var options = PluginHostOptions.For(new FakeProvider());

        Assert.Equal(new PluginHostOptions("test"), options);
        Assert.Equal("TEST_PLUGIN_TRANSPORT", options.TransportVariable);
    }

    [Fact]
    public void Organisation_and_environment_prefix_can_be_set()
    {
        var options = new PluginHostOptions("homelab") { CertificateOrganization = "Homelab.Providers", EnvironmentPrefix = "HL" };

        Assert.Equal("Homelab.Providers", options.CertificateOrganization);
        Assert.Equal("HL_PLUGIN_TRANSPORT", options.TransportVariable);
        Assert.Equal("homelab", options.LogModule);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("homelab")]
    [InlineData("my-cloud")]
    [InlineData("my_cloud")]
    [InlineData("k8s")]
    [InlineData("abcdefghijklmnopqrstuvwxyz012345")]
    public void Valid_names(string name)
    {
        Assert.True(PluginHostOptions.IsValidName(name));
        Assert.Equal(name, new PluginHostOptions(name).Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Homelab")]
    [InlineData("HOMELAB")]
    [InlineData("1cloud")]
    [InlineData("-cloud")]
    [InlineData("_cloud")]
    [InlineData("my cloud")]
    [InlineData("my.cloud")]
    [InlineData("my/cloud")]
    [InlineData("homelab\n")]
    [InlineData("homelab\nevil")]
    [InlineData("\nhomelab")]
    [InlineData("homelab ")]
    [InlineData("hömelab")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")]
    public void Invalid_names_are_rejected(string name)
    {
        Assert.False(PluginHostOptions.IsValidName(name));
        var error = Assert.Throws<ArgumentException>(() => new PluginHostOptions(name));
        Assert.Equal("name", error.ParamName);
    }

    [Fact]
    public void Null_is_neither_a_valid_name_nor_accepted()
    {
        Assert.False(PluginHostOptions.IsValidName(null));
        Assert.Throws<ArgumentNullException>(() => new PluginHostOptions(null!));
        Assert.Throws<ArgumentNullException>(() => PluginHostOptions.For(null!));
    }

    [Fact]
    public void A_provider_type_name_that_is_no_plugin_name_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => PluginHostOptions.For(new NamedProvider("Bad Name")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("hl")]
    [InlineData("1HL")]
    [InlineData("H-L")]
    [InlineData("HL\n")]
    public void Invalid_environment_prefixes_are_rejected(string prefix)
    {
        Assert.Throws<ArgumentException>(() => new PluginHostOptions("homelab") { EnvironmentPrefix = prefix });
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void A_blank_organisation_is_rejected(string organization)
    {
        Assert.Throws<ArgumentException>(() => new PluginHostOptions("homelab") { CertificateOrganization = organization });
    }

    [Fact]
    public void The_certificate_subject_is_localhost_in_the_organisation()
    {
        // Byte for byte what the subject "CN=localhost, O=Homelab.Providers" encoded to before the options existed.
        var before = new X500DistinguishedName("CN=localhost, O=Homelab.Providers");

        Assert.Equal(before.RawData, AutoMtls.Subject("Homelab.Providers").RawData);
        using var cert = AutoMtls.CreateServerCertificate("example");
        Assert.Equal("CN=localhost, O=example", cert.Subject);
    }

    [Fact]
    public void An_organisation_with_dn_syntax_stays_one_organisation()
    {
        var subject = AutoMtls.Subject("a, CN=evil");

        var values = subject.EnumerateRelativeDistinguishedNames().Select(r => r.GetSingleElementValue()).ToList();
        Assert.Equal(["localhost", "a, CN=evil"], values);
    }

    [Fact]
    public void Socket_names_keep_the_old_shape_for_short_names()
    {
        var guid = Guid.Parse("0123456789abcdef0123456789abcdef");

        Assert.Equal("plugin-homelab-4242-0123456789abcdef0123456789ab.sock", PluginHost.SocketFileName("plugin-homelab-", 4242, guid));
        Assert.Equal("plugin-a-1-0123456789abcdef0123456789abcdef.sock", PluginHost.SocketFileName("plugin-a-", 1, guid));
    }

    [Fact]
    public void Socket_names_of_long_plugin_names_keep_sixteen_hex_digits_of_the_guid()
    {
        var prefix = new PluginHostOptions(new string('a', PluginHostOptions.MaxNameLength)).SocketPrefix;
        var guid = Guid.Parse("0123456789abcdef0123456789abcdef");

        var name = PluginHost.SocketFileName(prefix, 4194304, guid);

        Assert.Equal(prefix + "4194304-0123456789abcdef.sock", name);
        Assert.True(name.Length < 80);
    }

    private sealed class NamedProvider(string typeName) : Provider.Framework.Resources.IProvider
    {
        public string TypeName => typeName;

        public Provider.Framework.Schema.ResourceSchema Schema { get; } = new(0, new Provider.Framework.Schema.Block());

        public IReadOnlyList<Provider.Framework.Resources.IResource> Resources => [];

        public IReadOnlyList<Provider.Framework.Resources.IDataSource> DataSources => [];

        public Task<object?> ConfigureAsync(Provider.Framework.Values.TfValue config, Provider.Framework.Diagnostics.DiagnosticBag diagnostics, CancellationToken cancellationToken) =>
            Task.FromResult<object?>(null);
    }
}
