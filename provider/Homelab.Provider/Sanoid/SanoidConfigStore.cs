using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Host;

namespace Homelab.Provider.Sanoid;

/// <summary>
/// Read-modify-check-write of <c>&lt;state&gt;/sanoid/sanoid.conf</c> for one remote, as one
/// transaction of <see cref="StateDirectory.UpdateFileAsync(string, Func{string?, CancellationToken, Task{string?}}, bool, CancellationToken)"/>:
/// the file is read under the host lock, the policy's block spliced in, the candidate checked, and
/// the result committed under the lock only if nobody (this process, another workspace's provider,
/// a hand edit) changed the file in between; otherwise the round starts again from the new file.
/// The check: the host's real <c>sanoid</c> loads the candidate from a temporary config dir in
/// read-only mode (<c>--readonly --take-snapshots --prune-snapshots</c>: parses, resolves
/// templates and walks both passes, but neither snapshots, destroys nor runs hooks); a rejected
/// file is never written.
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

    private SanoidConfigStore(Remote remote)
    {
        _remote = remote;
    }

    public static SanoidConfigStore For(Remote remote) => remote.GetService(r => new SanoidConfigStore(r));

    /// <summary>Absolute path of the file on the host (for messages).</summary>
    public string HostPath => _remote.StateDir.PathOf(SanoidConf.RelativePath);

    /// <summary>The live file, or null when absent.</summary>
    public Task<string?> ReadAsync(CancellationToken ct) => _remote.StateDir.ReadFileAsync(SanoidConf.RelativePath, ct);

    /// <summary>
    /// Puts <paramref name="block"/> in place of the policy's block (or removes it when null).
    /// <paramref name="existing"/> is set for a new policy: a block with its name must not be in
    /// the file yet (someone else owns it), and the exception it returns says how to import it.
    /// Throws <see cref="DiagnosticException"/> when the file cannot take the block (nothing is
    /// written then) and <see cref="HostException"/> when the host cannot be used.
    /// </summary>
    public Task UpdateAsync(string name, string? block, IReadOnlyList<string> datasets, Func<DiagnosticException>? existing, CancellationToken ct) =>
        _remote.StateDir.UpdateFileAsync(SanoidConf.RelativePath, async (current, token) =>
        {
            if (block is not null)
            {
                if (existing is not null && SanoidConf.FindBlock(current, name) is not null)
                {
                    throw existing();
                }
                if (DatasetConflict(current, name, datasets) is { } conflict)
                {
                    throw conflict;
                }
            }
            var next = SanoidConf.Splice(current, name, block);
            if (next is not null && next != current && await CheckAsync(next, token).ConfigureAwait(false) is { } problem)
            {
                throw new DiagnosticException("sanoid rejected the configuration", $"The new sanoid.conf was not written: {problem}");
            }
            return next;
        }, secret: false, ct);

    /// <summary>A section outside the policy's block (another policy's or a hand-written one) that already acts on one of its datasets.</summary>
    public DiagnosticException? DatasetConflict(string? current, string name, IReadOnlyList<string> datasets)
    {
        foreach (var section in SanoidConf.SectionsOutside(current, name))
        {
            if (!section.IsTemplate && datasets.Contains(section.DatasetPath, StringComparer.Ordinal))
            {
                return new DiagnosticException("Dataset already has a sanoid policy",
                    $"{section.DatasetPath} already has the section [{section.Name}] in {HostPath} (another policy or a hand-written section). Sanoid would snapshot it twice; keep each dataset in one policy.",
                    AttrPath.Attribute("datasets"));
            }
        }
        return null;
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
