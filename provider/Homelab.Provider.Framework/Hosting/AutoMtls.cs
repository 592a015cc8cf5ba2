using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Homelab.Provider.Framework.Hosting;

/// <summary>
/// go-plugin's AutoMTLS, server side: a fresh self-signed certificate per process (sent to the
/// client in the handshake line) and a pin on exactly the client certificate the client put in
/// PLUGIN_CLIENT_CERT. No CA is involved on either side.
/// </summary>
internal static class AutoMtls
{
    /// <summary>
    /// An ECDSA P-256 certificate for "localhost". The client adds it to its root pool and verifies
    /// the server against it with ServerName "localhost", so it must carry that SAN, be usable as
    /// its own issuer (CA + cert-sign) and allow server authentication.
    /// </summary>
    public static X509Certificate2 CreateServerCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost, O=Homelab.Providers", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.KeyCertSign, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var now = DateTimeOffset.UtcNow;
        // Back-date a little for clock skew between the two processes' views; the process is short-lived.
        return request.CreateSelfSigned(now.AddMinutes(-1), now.AddYears(1));
    }

    /// <summary>The handshake's certificate field: base64 (standard alphabet) of the DER, without '=' padding.</summary>
    public static string HandshakeField(X509Certificate2 certificate) =>
        Convert.ToBase64String(certificate.RawData).TrimEnd('=');

    public static X509Certificate2 ParseClientCertificate(string pem) => X509Certificate2.CreateFromPem(pem);

    /// <summary>Accept exactly the pinned client certificate, byte for byte.</summary>
    public static bool IsPinned(X509Certificate2 pinned, X509Certificate2? presented) =>
        presented is not null && pinned.RawData.AsSpan().SequenceEqual(presented.RawData);
}
