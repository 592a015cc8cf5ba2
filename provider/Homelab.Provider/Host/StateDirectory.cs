using System.Collections.Concurrent;

namespace Homelab.Provider.Host;

/// <summary>
/// The provider's files under the remote's state dir (default <c>/var/lib/homelab</c>, DESIGN.md
/// "host contract"). Every write is atomic (temp file in the target directory + <c>mv</c>) and runs
/// under a host-side lock: <c>flock(1)</c> on <c>&lt;state&gt;/.lock</c>, so other provider
/// processes (and other tofu runs) never interleave, and a crashed writer leaves no stale lock
/// (the kernel drops it with the file descriptor). Content travels on stdin, never in argv.
/// Paths are relative to the state dir; <see cref="CheckRelativePath"/> says what is allowed.
/// All methods throw <see cref="HostException"/> when the host cannot do what was asked.
/// </summary>
public sealed class StateDirectory
{
    /// <summary>
    /// Fixed script; arguments: flock path, state dir, relative path, mode, content size in bytes;
    /// content on stdin. The temp file is chmod-ed before the content goes in, so a secret is never
    /// world-readable. The size check matters when the provider dies mid-write (kill -9, dropped
    /// SSH channel): the shell then sees end-of-file after part of the content, and without the
    /// check it would move a truncated file over the good one.
    /// </summary>
    private const string WriteScript = """
        set -eu
        flock=$1 state=$2 rel=$3 mode=$4 size=$5
        target="$state/$rel"
        dir=$(dirname -- "$target")
        mkdir -p -- "$state" "$dir"
        exec 9>>"$state/.lock"
        "$flock" -w 120 9 || { echo "timed out waiting for the lock $state/.lock" >&2; exit 75; }
        tmp=$(mktemp "$dir/.homelab-tmp.XXXXXX")
        trap 'rm -f -- "$tmp"' EXIT
        chmod "$mode" "$tmp"
        cat > "$tmp"
        got=$(wc -c < "$tmp")
        [ $got -eq "$size" ] || { echo "got $got of $size bytes on stdin (writer gone?); $target left unchanged" >&2; exit 1; }
        mv -f -- "$tmp" "$target"
        trap - EXIT
        """;

    private const string RemoveScript = """
        set -eu
        flock=$1 state=$2 rel=$3
        target="$state/$rel"
        [ -d "$state" ] || { echo absent; exit 0; }
        exec 9>>"$state/.lock"
        "$flock" -w 120 9 || { echo "timed out waiting for the lock $state/.lock" >&2; exit 75; }
        if [ -e "$target" ] || [ -L "$target" ]; then rm -f -- "$target"; echo removed; else echo absent; fi
        """;

    /// <summary>Exit 3 = absent (a reader never needs the lock: files are replaced atomically).</summary>
    private const string ReadScript = """
        if [ -f "$1" ]; then exec cat -- "$1"; else exit 3; fi
        """;

    private const string ListScript = """
        [ -d "$1" ] || exit 0
        cd -- "$1" && for f in * .[!.]*; do [ -e "$f" ] && case "$f" in .homelab-tmp.*|.lock) ;; *) printf '%s\n' "$f" ;; esac; done; exit 0
        """;

    private readonly IHostConnection _connection;
    private readonly ToolPaths _tools;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _fileLocks = new(StringComparer.Ordinal);

    public StateDirectory(IHostConnection connection, ToolPaths tools)
    {
        _connection = connection;
        _tools = tools;
    }

    /// <summary>Absolute path of the state dir on the host.</summary>
    public string Root => _connection.Settings.StateDir;

    /// <summary>Absolute host path of <paramref name="relativePath"/> (e.g. to put into a unit file).</summary>
    public string PathOf(string relativePath) => Root.TrimEnd('/') + "/" + Checked(relativePath);

    /// <summary>Null when <paramref name="relativePath"/> is acceptable, else a sentence saying why not.</summary>
    public static string? CheckRelativePath(string relativePath)
    {
        if (string.IsNullOrEmpty(relativePath))
        {
            return "The path is empty.";
        }
        if (relativePath.Length > 1024)
        {
            return "The path is longer than 1024 characters.";
        }
        foreach (var segment in relativePath.Split('/'))
        {
            if (segment.Length == 0)
            {
                return "The path has an empty segment (leading, trailing or double '/').";
            }
            if (segment.Length > 255)
            {
                return "A path segment is longer than 255 characters.";
            }
            if (segment[0] is '.' or '-')
            {
                return $"The segment \"{segment}\" starts with '{segment[0]}' (reserved for the provider's lock and temp files, and for '..').";
            }
            foreach (var c in segment)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@' or ':' or '+'))
                {
                    return $"The segment \"{segment}\" contains '{c}'; use ASCII letters, digits and . _ - @ : + only.";
                }
            }
        }
        return null;
    }

    /// <summary>Writes <paramref name="content"/> atomically; <paramref name="secret"/> = mode 0600, else 0644. Creates directories.</summary>
    public async Task WriteFileAsync(string relativePath, string content, bool secret, CancellationToken cancellationToken)
    {
        var rel = Checked(relativePath);
        var flock = await _tools.GetAsync("flock", cancellationToken).ConfigureAwait(false);
        var result = await _connection.RunAsync(
            new HostCommand(["/bin/sh", "-c", WriteScript, "sh", flock, Root, rel, secret ? "0600" : "0644",
                System.Text.Encoding.UTF8.GetByteCount(content).ToString(System.Globalization.CultureInfo.InvariantCulture)]) { Stdin = content },
            cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new HostException("Cannot write a state file", $"Writing {Root}/{rel} on remote \"{_connection.Settings.Name}\" failed: {result.Describe()}");
        }
    }

    /// <summary>The file's content, or null when it does not exist.</summary>
    public async Task<string?> ReadFileAsync(string relativePath, CancellationToken cancellationToken)
    {
        var rel = Checked(relativePath);
        var result = await _connection.RunAsync(
            new HostCommand(["/bin/sh", "-c", ReadScript, "sh", $"{Root}/{rel}"]), cancellationToken).ConfigureAwait(false);
        return result.ExitCode switch
        {
            0 => result.Stdout,
            3 => null,
            _ => throw new HostException("Cannot read a state file", $"Reading {Root}/{rel} on remote \"{_connection.Settings.Name}\" failed: {result.Describe()}"),
        };
    }

    /// <summary>Removes the file; true when it existed.</summary>
    public async Task<bool> RemoveFileAsync(string relativePath, CancellationToken cancellationToken)
    {
        var rel = Checked(relativePath);
        var flock = await _tools.GetAsync("flock", cancellationToken).ConfigureAwait(false);
        var result = await _connection.RunAsync(
            new HostCommand(["/bin/sh", "-c", RemoveScript, "sh", flock, Root, rel]), cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new HostException("Cannot remove a state file", $"Removing {Root}/{rel} on remote \"{_connection.Settings.Name}\" failed: {result.Describe()}");
        }
        return result.Stdout.Trim() == "removed";
    }

    /// <summary>Names in a directory of the state dir (sorted, no lock/temp files); empty when it does not exist.</summary>
    public async Task<IReadOnlyList<string>> ListAsync(string relativeDirectory, CancellationToken cancellationToken)
    {
        var rel = Checked(relativeDirectory);
        var result = await _connection.RunAsync(
            new HostCommand(["/bin/sh", "-c", ListScript, "sh", $"{Root}/{rel}"]), cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new HostException("Cannot list the state dir", $"Listing {Root}/{rel} on remote \"{_connection.Settings.Name}\" failed: {result.Describe()}");
        }
        return [.. result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Read-modify-write of one shared file (e.g. <c>sanoid/sanoid.conf</c>, one section per
    /// resource): serialised per path within this process, so concurrent resources never lose each
    /// other's update; each write is still atomic and host-locked. <paramref name="transform"/> gets
    /// the current content (null = absent) and returns the new one (null = remove the file).
    /// Returns the content written.
    /// </summary>
    public async Task<string?> UpdateFileAsync(string relativePath, Func<string?, string?> transform, bool secret, CancellationToken cancellationToken)
    {
        var rel = Checked(relativePath);
        var gate = _fileLocks.GetOrAdd(rel, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = await ReadFileAsync(rel, cancellationToken).ConfigureAwait(false);
            var next = transform(current);
            if (next == current)
            {
                return next;
            }
            if (next is null)
            {
                await RemoveFileAsync(rel, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await WriteFileAsync(rel, next, secret, cancellationToken).ConfigureAwait(false);
            }
            return next;
        }
        finally
        {
            gate.Release();
        }
    }

    private static string Checked(string relativePath) =>
        CheckRelativePath(relativePath) is { } problem
            ? throw new ArgumentException($"Invalid state-dir path \"{relativePath}\": {problem}", nameof(relativePath))
            : relativePath;
}
