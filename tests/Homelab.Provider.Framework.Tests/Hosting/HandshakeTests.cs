using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Homelab.Provider.Framework.Hosting;
using Homelab.Testing;

namespace Homelab.Provider.Framework.Tests.Hosting;

/// <summary>What go-plugin's client expects of the handshake: environment negotiation and the AutoMTLS certificate.</summary>
[Trait(Tier.Name, Tier.Host)]
public sealed class HandshakeTests
{
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";

    public static TheoryData<string?, bool> Cookies => new()
    {
        { HandshakeEnvironment.CookieValue, true },
        { null, false },
        { "", false },
        { HandshakeEnvironment.CookieValue.ToUpperInvariant(), false },
        { HandshakeEnvironment.CookieValue + " ", false },
    };

    [Theory]
    [MemberData(nameof(Cookies))]
    public void Only_the_exact_terraform_cookie_matches(string? cookie, bool matches)
    {
        Assert.Equal(matches, Env(cookie: cookie).CookieMatches);
    }

    public static TheoryData<string?, bool> ProtocolVersions => new()
    {
        { "5,6", true },
        { "6", true },
        { " 5 , 6 ", true },
        { "5", false },
        { "4,5", false },
        { "16", false },
        { null, true },
        { "", true },
    };

    [Theory]
    [MemberData(nameof(ProtocolVersions))]
    public void Protocol_6_is_supported_when_listed_or_when_the_client_lists_nothing(string? versions, bool supported)
    {
        Assert.Equal(supported, Env(versions: versions).SupportsOurProtocol);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("  ", false)]
    [InlineData("-----BEGIN CERTIFICATE-----", true)]
    public void Tls_is_used_exactly_when_the_client_sends_its_certificate(string? pem, bool tls)
    {
        Assert.Equal(tls, Env(pem: pem).UseTls);
    }

    [Fact]
    public void Server_certificate_is_valid_for_localhost()
    {
        using var cert = AutoMtls.CreateServerCertificate();

        var san = Assert.Single(cert.Extensions.OfType<X509SubjectAlternativeNameExtension>());
        Assert.Contains("localhost", san.EnumerateDnsNames());
        Assert.True(cert.NotBefore <= DateTime.Now && DateTime.Now < cert.NotAfter);
        Assert.True(cert.HasPrivateKey);
    }

    [Fact]
    public void Server_certificate_allows_server_authentication()
    {
        using var cert = AutoMtls.CreateServerCertificate();

        var eku = Assert.Single(cert.Extensions.OfType<X509EnhancedKeyUsageExtension>());
        Assert.Contains(ServerAuth, eku.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value));
    }

    [Fact]
    public void Server_certificate_is_its_own_certificate_authority()
    {
        using var cert = AutoMtls.CreateServerCertificate();

        var constraints = Assert.Single(cert.Extensions.OfType<X509BasicConstraintsExtension>());
        Assert.True(constraints.CertificateAuthority);
        var usage = Assert.Single(cert.Extensions.OfType<X509KeyUsageExtension>());
        Assert.True(usage.KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign));
        Assert.Equal(cert.SubjectName.RawData, cert.IssuerName.RawData);
    }

    [Fact]
    public void Handshake_field_is_unpadded_standard_base64_of_the_der()
    {
        // A DER whose length is not a multiple of 3 needs padding; ECDSA signatures vary in length, so one turns up quickly.
        var certs = Enumerable.Range(0, 30).Select(_ => AutoMtls.CreateServerCertificate()).ToList();
        var cert = certs.First(c => c.RawData.Length % 3 != 0);

        var field = AutoMtls.HandshakeField(cert);

        Assert.DoesNotContain('=', field);
        Assert.DoesNotContain('-', field);
        Assert.DoesNotContain('_', field);
        var padded = field + new string('=', (4 - (field.Length % 4)) % 4);
        Assert.Equal(cert.RawData, Convert.FromBase64String(padded));
        certs.ForEach(c => c.Dispose());
    }

    [Fact]
    public void Pin_accepts_exactly_the_client_certificate_from_the_environment()
    {
        using var client = AutoMtls.CreateServerCertificate();
        using var other = AutoMtls.CreateServerCertificate();
        using var pinned = AutoMtls.ParseClientCertificate(client.ExportCertificatePem());
        using var presented = X509CertificateLoader.LoadCertificate(client.RawData);

        Assert.True(AutoMtls.IsPinned(pinned, presented));
        Assert.False(AutoMtls.IsPinned(pinned, other));
        Assert.False(AutoMtls.IsPinned(pinned, null));
    }

    [Theory]
    [InlineData("trace", PluginLogLevel.Trace)]
    [InlineData("TRACE", PluginLogLevel.Trace)]
    [InlineData("json", PluginLogLevel.Trace)]
    [InlineData("Debug", PluginLogLevel.Debug)]
    [InlineData(" info ", PluginLogLevel.Info)]
    [InlineData("WARN", PluginLogLevel.Warn)]
    [InlineData("error", PluginLogLevel.Error)]
    [InlineData("off", PluginLogLevel.Off)]
    [InlineData("", PluginLogLevel.Warn)]
    [InlineData(null, PluginLogLevel.Warn)]
    [InlineData("verbose", PluginLogLevel.Warn)]
    public void Log_level_is_parsed_like_tf_log(string? text, PluginLogLevel expected)
    {
        Assert.Equal(expected, PluginLog.ParseLevel(text));
    }

    private static HandshakeEnvironment Env(string? cookie = HandshakeEnvironment.CookieValue, string? versions = "5,6", string? pem = null) =>
        new(cookie, versions, pem, null, 0, 0);
}
