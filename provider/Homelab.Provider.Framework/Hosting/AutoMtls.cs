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
    /// its own issuer (CA + cert-sign) and allow server authentication. The organisation only
    /// names the plugin to whoever looks at the certificate.
    /// </summary>
    public static X509Certificate2 CreateServerCertificate(string organization = "plugin")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(Subject(organization), key, HashAlgorithmName.SHA256);
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

    /// <summary><c>CN=localhost, O=&lt;organization&gt;</c>, the organisation escaped as the DN syntax requires.</summary>
    public static X500DistinguishedName Subject(string organization)
    {
        var subject = new X500DistinguishedNameBuilder();
        // The builder encodes in the order added; the DN string form lists the last RDN first.
        // PrintableString where the text allows it, as the string form is encoded, else UTF8String.
        subject.Add("2.5.4.3", "localhost", System.Formats.Asn1.UniversalTagNumber.PrintableString);
        subject.Add("2.5.4.10", organization, IsPrintable(organization)
            ? System.Formats.Asn1.UniversalTagNumber.PrintableString
            : System.Formats.Asn1.UniversalTagNumber.UTF8String);
        return subject.Build();
    }

    /// <summary>Only the characters of ASN.1 PrintableString.</summary>
    private static bool IsPrintable(string text) =>
        text.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
            or ' ' or '\'' or '(' or ')' or '+' or ',' or '-' or '.' or '/' or ':' or '=' or '?');

    /// <summary>The handshake's certificate field: base64 (standard alphabet) of the DER, without '=' padding.</summary>
    public static string HandshakeField(X509Certificate2 certificate) =>
        Convert.ToBase64String(certificate.RawData).TrimEnd('=');

    public static X509Certificate2 ParseClientCertificate(string pem) => X509Certificate2.CreateFromPem(pem);

    /// <summary>Accept exactly the pinned client certificate, byte for byte.</summary>
    public static bool IsPinned(X509Certificate2 pinned, X509Certificate2? presented) =>
        presented is not null && pinned.RawData.AsSpan().SequenceEqual(presented.RawData);
}
