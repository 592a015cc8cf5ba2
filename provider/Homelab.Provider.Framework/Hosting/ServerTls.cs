using System.Net.Security;
using System.Runtime.InteropServices;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Homelab.Provider.Framework.Hosting;

/// <summary>
/// The TLS side of AutoMTLS, prepared once per process (on a background thread, while Kestrel is
/// being built): our certificate, its context, and options that accept exactly the pinned client
/// certificate.
/// </summary>
internal sealed partial class ServerTls
{
    private ServerTls(X509Certificate2 certificate, SslServerAuthenticationOptions options)
    {
        Certificate = certificate;
        Options = options;
    }

    public X509Certificate2 Certificate { get; }

    public SslServerAuthenticationOptions Options { get; }

    public static ServerTls Create(string clientCertificatePem, string organization = "plugin")
    {
        var certificate = AutoMtls.CreateServerCertificate(organization);
        var pinned = AutoMtls.ParseClientCertificate(clientCertificatePem);

        // Building a certificate context builds an X509 chain, and the first chain build loads the
        // system trust store: ~300 files and ~65 ms here, paid by every one of the 4+ provider
        // processes of every command. Our chain is one self-signed certificate that no system root
        // can take part in, so point OpenSSL at an empty store for that one build. The provider
        // never validates public TLS itself (host-side tools such as curl do), and the variables
        // are restored right after.
        SslStreamCertificateContext context;
        using (new NoSystemTrustStore())
        {
            context = SslStreamCertificateContext.Create(certificate, additionalCertificates: null, offline: true);
        }

        var clientPolicy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
            DisableCertificateDownloads = true,
        };
        clientPolicy.CustomTrustStore.Add(pinned);

        var options = new SslServerAuthenticationOptions
        {
            ServerCertificateContext = context,
            ClientCertificateRequired = true,
            CertificateChainPolicy = clientPolicy,
            RemoteCertificateValidationCallback = (_, presented, _, _) =>
                presented is not null && AutoMtls.IsPinned(pinned, presented as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(presented.GetRawCertData())),
            ApplicationProtocols = [SslApplicationProtocol.Http2],
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        };
        return new ServerTls(certificate, options);
    }

    /// <summary>Points SSL_CERT_FILE/SSL_CERT_DIR (as OpenSSL reads them, natively) at nothing, then restores them.</summary>
    private sealed partial class NoSystemTrustStore : IDisposable
    {
        private const string FileVar = "SSL_CERT_FILE";
        private const string DirVar = "SSL_CERT_DIR";
        private readonly string? _file = Environment.GetEnvironmentVariable(FileVar);
        private readonly string? _dir = Environment.GetEnvironmentVariable(DirVar);

        public NoSystemTrustStore()
        {
            _ = SetEnv(FileVar, "/nonexistent/plugin-no-trust-store", 1);
            _ = SetEnv(DirVar, "/nonexistent/plugin-no-trust-store", 1);
        }

        public void Dispose()
        {
            Restore(FileVar, _file);
            Restore(DirVar, _dir);
        }

        private static void Restore(string name, string? value)
        {
            if (value is null)
            {
                _ = UnsetEnv(name);
            }
            else
            {
                _ = SetEnv(name, value, 1);
            }
        }

        [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
        private static partial int SetEnv(string name, string value, int overwrite);

        [LibraryImport("libc", EntryPoint = "unsetenv", StringMarshalling = StringMarshalling.Utf8)]
        private static partial int UnsetEnv(string name);
    }
}
