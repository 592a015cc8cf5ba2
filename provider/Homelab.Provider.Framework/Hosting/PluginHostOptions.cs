using System.Text.RegularExpressions;
using Homelab.Provider.Framework.Resources;

namespace Homelab.Provider.Framework.Hosting;

/// <summary>
/// What <see cref="PluginHost"/> needs to know about the plugin it serves beyond the provider
/// itself (see docs/design/plugin-hosting.md, "Host options"). Everything is derived from
/// <see cref="Name"/>, the plugin's short name, by default the provider's
/// <see cref="IProvider.TypeName"/>:
/// <list type="bullet">
/// <item><c>@module</c> of every log line: the name;</item>
/// <item>socket files <c>plugin-&lt;name&gt;-…</c> and the debug directory <c>plugin-&lt;name&gt;-debug-…</c>;</item>
/// <item>the organisation (<c>O=</c>) of the AutoMTLS server certificate: the name;</item>
/// <item>the transport override variable <c>&lt;NAME&gt;_PLUGIN_TRANSPORT</c> (<c>tcp</c> listens on loopback).</item>
/// </list>
/// </summary>
public sealed partial record PluginHostOptions
{
    /// <summary>The longest accepted name: socket paths must stay well inside the 108 bytes of <c>sun_path</c>.</summary>
    public const int MaxNameLength = 32;

    /// <summary>Options for the plugin called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is not <see cref="IsValidName">valid</see>.</exception>
    public PluginHostOptions(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!IsValidName(name))
        {
            throw new ArgumentException(
                $"Plugin name \"{name}\" is not valid: it must start with a lowercase letter and contain only lowercase "
                + $"letters, digits, '-' and '_' (at most {MaxNameLength} characters).", nameof(name));
        }
        Name = name;
        CertificateOrganization = name;
        EnvironmentPrefix = name.ToUpperInvariant().Replace('-', '_');
    }

    /// <summary>The plugin's short name, e.g. <c>example</c> for <c>terraform-provider-example</c>.</summary>
    public string Name { get; }

    /// <summary>The <c>O=</c> of the server certificate's subject; <see cref="Name"/> unless set.</summary>
    public string CertificateOrganization
    {
        get;
        init
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            field = value;
        }
    }

    /// <summary>
    /// Prefix of the plugin's own environment variables: <see cref="Name"/> upper-cased with
    /// <c>-</c> turned into <c>_</c> unless set.
    /// </summary>
    public string EnvironmentPrefix
    {
        get;
        init
        {
            if (value is null || !EnvironmentPrefixPattern().IsMatch(value))
            {
                throw new ArgumentException($"Environment prefix \"{value}\" is not valid: use A-Z, 0-9 and '_', starting with a letter.", nameof(value));
            }
            field = value;
        }
    }

    /// <summary>The <c>@module</c> field of every log line.</summary>
    public string LogModule => Name;

    /// <summary>The variable that, set to <c>tcp</c>, makes the host listen on loopback TCP instead of a unix socket.</summary>
    public string TransportVariable => EnvironmentPrefix + "_PLUGIN_TRANSPORT";

    /// <summary>The start of every socket file's name.</summary>
    public string SocketPrefix => $"plugin-{Name}-";

    /// <summary>The start of the name of the private directory <c>--debug</c> serves in.</summary>
    public string DebugDirectoryPrefix => $"plugin-{Name}-debug-";

    /// <summary>The default options for <paramref name="provider"/>: named after its <see cref="IProvider.TypeName"/>.</summary>
    /// <exception cref="ArgumentException">The type name is not a valid plugin name.</exception>
    public static PluginHostOptions For(IProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return new PluginHostOptions(provider.TypeName);
    }

    /// <summary>
    /// A lowercase letter, then lowercase letters, digits, <c>-</c> and <c>_</c>, at most
    /// <see cref="MaxNameLength"/> characters in all.
    /// </summary>
    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    [GeneratedRegex(@"\A[a-z][a-z0-9_-]{0,31}\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"\A[A-Z][A-Z0-9_]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex EnvironmentPrefixPattern();
}
