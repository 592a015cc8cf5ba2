namespace Homelab.Provider.Framework.Hosting;

/// <summary>What the go-plugin client tells a plugin through its environment.</summary>
internal sealed record HandshakeEnvironment(
    string? MagicCookie,
    string? ProtocolVersions,
    string? ClientCertificatePem,
    string? UnixSocketDirectory,
    int MinPort,
    int MaxPort)
{
    /// <summary>The cookie Terraform and OpenTofu use for providers; it only tells "you were started by a client".</summary>
    public const string CookieKey = "TF_PLUGIN_MAGIC_COOKIE";

    public const string CookieValue = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";

    public const int ProtocolVersion = 6;

    public static HandshakeEnvironment FromProcess() => new(
        Environment.GetEnvironmentVariable(CookieKey),
        Environment.GetEnvironmentVariable("PLUGIN_PROTOCOL_VERSIONS"),
        Environment.GetEnvironmentVariable("PLUGIN_CLIENT_CERT"),
        Environment.GetEnvironmentVariable("PLUGIN_UNIX_SOCKET_DIR"),
        ParsePort(Environment.GetEnvironmentVariable("PLUGIN_MIN_PORT")),
        ParsePort(Environment.GetEnvironmentVariable("PLUGIN_MAX_PORT")));

    public bool CookieMatches => MagicCookie == CookieValue;

    /// <summary>
    /// go-plugin negotiation: the client lists the versions it speaks; we speak only 6. An absent
    /// list means an old client that assumes the plugin's own version.
    /// </summary>
    public bool SupportsOurProtocol =>
        string.IsNullOrWhiteSpace(ProtocolVersions)
        || ProtocolVersions.Split(',', StringSplitOptions.TrimEntries).Contains(ProtocolVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public bool UseTls => !string.IsNullOrWhiteSpace(ClientCertificatePem);

    private static int ParsePort(string? s) => int.TryParse(s, out var p) ? p : 0;
}
