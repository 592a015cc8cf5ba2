using System.Collections.Concurrent;

namespace Homelab.Provider.Host;

/// <summary>
/// Absolute paths of host tools, discovered once per remote and process (a failed discovery is
/// retried by the next call, <see cref="OnceSucceeded{T}"/>): the first lookup runs one
/// <c>command -v</c> over every well-known tool (through sudo when the remote uses it, so root's
/// PATH applies), falling back to the usual sbin and NixOS system directories. Provider-config
/// overrides (<c>tools = { zfs = "/sbin/zfs" }</c>) win and are never probed.
/// </summary>
public sealed class ToolPaths
{
    /// <summary>Tools probed together on first use; others are probed on their own when asked for.</summary>
    public static readonly IReadOnlyList<string> WellKnown =
        ["zfs", "zpool", "flock", "sanoid", "syncoid", "restic", "systemctl", "curl"];

    /// <summary>Fixed script (no user input): prints "name&lt;TAB&gt;path" for every tool found.</summary>
    private const string Probe = """
        for t in "$@"; do
          p=$(command -v "$t" 2>/dev/null) || p=
          if [ -z "$p" ]; then
            for d in /run/current-system/sw/bin /usr/sbin /sbin /usr/local/sbin /usr/bin /bin; do
              if [ -x "$d/$t" ]; then p="$d/$t"; break; fi
            done
          fi
          case "$p" in /*) printf '%s\t%s\n' "$t" "$p" ;; esac
        done
        """;

    private readonly IHostConnection _connection;
    private readonly ConcurrentDictionary<string, OnceSucceeded<IReadOnlyDictionary<string, string>>> _probes = new(StringComparer.Ordinal);

    public ToolPaths(IHostConnection connection)
    {
        _connection = connection;
    }

    /// <summary>The absolute path of <paramref name="tool"/>; throws <see cref="HostException"/> when it is not installed.</summary>
    public async Task<string> GetAsync(string tool, CancellationToken cancellationToken)
    {
        if (_connection.Settings.Tools.TryGetValue(tool, out var overridden))
        {
            return overridden;
        }
        var key = WellKnown.Contains(tool) ? "" : tool;
        var probe = _probes.GetOrAdd(key, k => new OnceSucceeded<IReadOnlyDictionary<string, string>>(
            () => ProbeAsync(k.Length == 0 ? WellKnown : [k], CancellationToken.None)));
        var found = await probe.GetAsync(cancellationToken).ConfigureAwait(false);
        return found.TryGetValue(tool, out var path)
            ? path
            : throw new HostException("Tool not found",
                $"`{tool}` is not installed on remote \"{_connection.Settings.Name}\" (searched PATH, /run/current-system/sw/bin and the sbin directories). Install it, or set its path in the remote's `tools` map.");
    }

    private async Task<IReadOnlyDictionary<string, string>> ProbeAsync(IReadOnlyList<string> tools, CancellationToken cancellationToken)
    {
        var result = await _connection.RunAsync(new HostCommand(["/bin/sh", "-c", Probe, "sh", .. tools]), cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new HostException("Tool discovery failed", result.Describe());
        }
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab > 0)
            {
                map[line[..tab]] = line[(tab + 1)..];
            }
        }
        return map;
    }
}
