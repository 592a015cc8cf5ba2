using Homelab.Provider.Host;

namespace Homelab.Provider.Sanoid;

/// <summary>
/// Read-modify-check-write of <c>&lt;state&gt;/sanoid/sanoid.conf</c> for one remote. Updates are
/// serialised in this process (terraform applies many policies at once in one provider process);
/// each write is atomic and host-locked (<see cref="StateDirectory"/>). Before a new file goes
/// live, the host's real <c>sanoid</c> loads it from a temporary config dir in read-only mode
/// (<c>--readonly --take-snapshots --prune-snapshots</c>: parses, resolves templates and walks
/// both passes, but neither snapshots, destroys nor runs hooks); a rejected file is never written.
/// </summary>
internal sealed class SanoidConfigStore
{
    /// <summary>
    /// Fixed script; arguments: sanoid path, defaults path; candidate file on stdin. Cache and run
    /// dirs are temporary too, so the check never touches the live sanoid's cache or locks.
    /// </summary>
    private const string CheckScript = """
        set -eu
        sanoid=$1 defaults=$2
        tmp=$(mktemp -d "${TMPDIR:-/tmp}/homelab-sanoid-check.XXXXXX")
        trap 'rm -rf -- "$tmp"' EXIT
        mkdir -- "$tmp/cache" "$tmp/run"
        cat > "$tmp/sanoid.conf"
        ln -s -- "$defaults" "$tmp/sanoid.defaults.conf"
        "$sanoid" --configdir "$tmp" --cache-dir "$tmp/cache" --run-dir "$tmp/run" --readonly --take-snapshots --prune-snapshots --quiet >/dev/null
        """;

    private readonly Remote _remote;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private SanoidConfigStore(Remote remote)
    {
        _remote = remote;
    }

    public static SanoidConfigStore For(Remote remote) => remote.GetService(r => new SanoidConfigStore(r));

    /// <summary>The live file, or null when absent.</summary>
    public Task<string?> ReadAsync(CancellationToken ct) => _remote.StateDir.ReadFileAsync(SanoidConf.RelativePath, ct);

    /// <summary>
    /// Puts <paramref name="block"/> in place of the policy's block (or removes it when null).
    /// Returns null on success, else a (summary, detail) pair for an error diagnostic; nothing is
    /// written then. Throws <see cref="HostException"/> when the host cannot be used.
    /// </summary>
    public async Task<(string Summary, string Detail)?> UpdateAsync(string name, string? block, IReadOnlyList<string> datasets, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var current = await ReadAsync(ct).ConfigureAwait(false);
            if (block is not null)
            {
                foreach (var section in SanoidConf.SectionsOutside(current, name))
                {
                    if (!section.IsTemplate && datasets.Contains(section.DatasetPath, StringComparer.Ordinal))
                    {
                        return ("Dataset already has a sanoid policy",
                            $"{section.DatasetPath} already has the section [{section.Name}] in {_remote.StateDir.PathOf(SanoidConf.RelativePath)} (another policy or a hand-written section). Sanoid would snapshot it twice; keep each dataset in one policy.");
                    }
                }
            }
            var next = SanoidConf.Splice(current, name, block);
            if (next == current)
            {
                return null;
            }
            if (next is null)
            {
                await _remote.StateDir.RemoveFileAsync(SanoidConf.RelativePath, ct).ConfigureAwait(false);
                return null;
            }
            if (await CheckAsync(next, ct).ConfigureAwait(false) is { } problem)
            {
                return ("sanoid rejected the configuration", $"The new sanoid.conf was not written: {problem}");
            }
            await _remote.StateDir.WriteFileAsync(SanoidConf.RelativePath, next, secret: false, ct).ConfigureAwait(false);
            return null;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Null when the host's sanoid accepts <paramref name="content"/>, else why not.</summary>
    public async Task<string?> CheckAsync(string content, CancellationToken ct)
    {
        var sanoid = await _remote.Tools.GetAsync("sanoid", ct).ConfigureAwait(false);
        var defaults = await SanoidDefaults.For(_remote).PathAsync(ct).ConfigureAwait(false);
        var result = await _remote.Connection.RunAsync(
            new HostCommand(["/bin/sh", "-c", CheckScript, "sh", sanoid, defaults]) { Stdin = content }, ct).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return result.Describe();
        }
        // Sanoid warns and carries on when it drops a setting ("ignored key ... from ... template",
        // "ignored autosnap configuration ... zfs recursion"): the file would not do what it says.
        var ignored = result.Stderr.Split('\n').Where(l => l.Contains("ignored", StringComparison.Ordinal)).ToList();
        return ignored.Count > 0 ? "sanoid would ignore settings: " + string.Join(" ", ignored.Select(l => l.Trim())) : null;
    }
}
