using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Homelab.Provider.Framework.Hosting;
using Homelab.Testing;

namespace Homelab.Provider.Framework.Tests.Hosting;

/// <summary>
/// Tests that read or set process-wide environment variables. They run alone, after the parallel
/// tests, so no child process (terraform in the acceptance tests) inherits a half-set environment.
/// </summary>
[Collection(nameof(ProcessEnvironment))]
[Trait(Tier.Name, Tier.Unit)]
public sealed class ProcessEnvironmentTests
{
    private static readonly string[] Variables =
        ["TF_PLUGIN_MAGIC_COOKIE", "PLUGIN_PROTOCOL_VERSIONS", "PLUGIN_CLIENT_CERT", "PLUGIN_UNIX_SOCKET_DIR", "PLUGIN_MIN_PORT", "PLUGIN_MAX_PORT"];

    public static TheoryData<string?, string?, int, int> Ports => new()
    {
        { "10000", "25000", 10000, 25000 },
        { null, null, 0, 0 },
        { "", "", 0, 0 },
        { "low", "99999999999", 0, 0 },
    };

    [Theory]
    [MemberData(nameof(Ports))]
    public void Handshake_environment_reads_the_port_range_from_the_process(string? min, string? max, int expectedMin, int expectedMax)
    {
        var env = WithVariables(new()
        {
            ["TF_PLUGIN_MAGIC_COOKIE"] = HandshakeEnvironment.CookieValue,
            ["PLUGIN_PROTOCOL_VERSIONS"] = "5,6",
            ["PLUGIN_MIN_PORT"] = min,
            ["PLUGIN_MAX_PORT"] = max,
            ["PLUGIN_UNIX_SOCKET_DIR"] = "/tmp/sockets",
        }, HandshakeEnvironment.FromProcess);

        Assert.Equal(expectedMin, env.MinPort);
        Assert.Equal(expectedMax, env.MaxPort);
        Assert.True(env.CookieMatches);
        Assert.True(env.SupportsOurProtocol);
        Assert.Equal("/tmp/sockets", env.UnixSocketDirectory);
        Assert.False(env.UseTls);
    }

    [Fact]
    public void Server_tls_requires_and_pins_the_client_certificate()
    {
        using var client = AutoMtls.CreateServerCertificate();
        using var stranger = AutoMtls.CreateServerCertificate();

        var tls = ServerTls.Create(client.ExportCertificatePem());
        var accept = tls.Options.RemoteCertificateValidationCallback!;

        Assert.True(tls.Options.ClientCertificateRequired);
        Assert.Equal([SslApplicationProtocol.Http2], tls.Options.ApplicationProtocols);
        Assert.True(accept(this, client, null, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(accept(this, stranger, null, SslPolicyErrors.None));
        Assert.False(accept(this, null, null, SslPolicyErrors.RemoteCertificateNotAvailable));
        Assert.Contains("localhost", tls.Certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames());
    }

    private static T WithVariables<T>(Dictionary<string, string?> values, Func<T> read)
    {
        var saved = Variables.ToDictionary(v => v, Environment.GetEnvironmentVariable);
        try
        {
            foreach (var v in Variables)
            {
                Environment.SetEnvironmentVariable(v, values.GetValueOrDefault(v));
            }
            return read();
        }
        finally
        {
            foreach (var (k, v) in saved)
            {
                Environment.SetEnvironmentVariable(k, v);
            }
        }
    }
}
