using Homelab.Provider.Host;

namespace Homelab.Provider.Sanoid;

/// <summary>
/// The host's <c>sanoid.defaults.conf</c>: sanoid dies on any key that its <c>[template_default]</c>
/// section does not list, so that list is the authority for valid keys. Looked up once per remote
/// and process: <c>&lt;state&gt;/sanoid/</c> first (nixgen's foundation links the package's copy
/// there, and upstream sanoid reads it from its <c>--configdir</c>), then Debian's
/// <c>/usr/share/sanoid</c>, <c>/etc/sanoid</c>, and the Nix package's <c>etc/sanoid</c> beside the
/// sanoid binary.
/// </summary>
internal sealed class SanoidDefaults
{
    /// <summary>Fixed script; arguments: state dir, sanoid path. Prints the path found, a NUL, then the content.</summary>
    private const string LocateScript = """
        state=$1 sanoid=$2
        real=$(readlink -f -- "$sanoid" 2>/dev/null) || real=$sanoid
        pkg=$(dirname -- "$(dirname -- "$real")")
        for f in "$state/sanoid/sanoid.defaults.conf" /usr/share/sanoid/sanoid.defaults.conf /etc/sanoid/sanoid.defaults.conf "$pkg/etc/sanoid/sanoid.defaults.conf" /run/current-system/sw/etc/sanoid/sanoid.defaults.conf; do
          if [ -f "$f" ]; then printf '%s\n' "$f"; exec cat -- "$f"; fi
        done
        echo "no sanoid.defaults.conf in $state/sanoid, /usr/share/sanoid, /etc/sanoid or $pkg/etc/sanoid" >&2
        exit 3
        """;

    private readonly Remote _remote;
    private readonly OnceSucceeded<(string Path, IReadOnlySet<string> Keys)> _loaded;

    private SanoidDefaults(Remote remote)
    {
        _remote = remote;
        _loaded = new(LoadAsync);
    }

    public static SanoidDefaults For(Remote remote) => remote.GetService(r => new SanoidDefaults(r));

    /// <summary>Absolute path of the defaults file on the host. Throws <see cref="HostException"/>.</summary>
    public async Task<string> PathAsync(CancellationToken ct) => (await _loaded.GetAsync(ct).ConfigureAwait(false)).Path;

    /// <summary>Every key sanoid accepts in a template or module section.</summary>
    public async Task<IReadOnlySet<string>> KeysAsync(CancellationToken ct) => (await _loaded.GetAsync(ct).ConfigureAwait(false)).Keys;

    /// <summary>The keys of <c>[template_default]</c> in a defaults file's text.</summary>
    public static IReadOnlySet<string> ParseKeys(string text) =>
        IniSection.Parse(text).Where(s => s.Name == "template_default").SelectMany(s => s.Entries).Select(e => e.Key).ToHashSet(StringComparer.Ordinal);

    private async Task<(string Path, IReadOnlySet<string> Keys)> LoadAsync()
    {
        var sanoid = await _remote.Tools.GetAsync("sanoid", CancellationToken.None).ConfigureAwait(false);
        var result = await _remote.Connection.RunAsync(
            new HostCommand(["/bin/sh", "-c", LocateScript, "sh", _remote.StateDir.Root, sanoid]), CancellationToken.None).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new HostException("sanoid.defaults.conf not found",
                $"On remote \"{_remote.Name}\": {result.Describe()} Install sanoid's package (it ships the file), or link it into {_remote.StateDir.Root}/sanoid/ as the NixOS foundation does.");
        }
        var newline = result.Stdout.IndexOf('\n', StringComparison.Ordinal);
        var path = result.Stdout[..newline];
        var keys = ParseKeys(result.Stdout[(newline + 1)..]);
        if (keys.Count == 0)
        {
            throw new HostException("sanoid.defaults.conf has no [template_default]", $"{path} on remote \"{_remote.Name}\" lists no keys; restore the package's copy.");
        }
        return (path, keys);
    }
}
