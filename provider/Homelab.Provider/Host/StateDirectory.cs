using System.Collections.Concurrent;

namespace Homelab.Provider.Host;

/// <summary>
/// The provider's files under the remote's state dir (default <c>/var/lib/homelab</c>;
/// docs/design/state-files.md). Every write is atomic (temp file in the target directory +
/// <c>mv</c>) and runs under a host-side lock: <c>flock(1)</c> on <c>&lt;state&gt;/.lock</c>, so
/// other provider processes (and other tofu runs) never interleave, and a crashed writer leaves no
/// stale lock (the kernel drops it with the file descriptor). A read-modify-write of a shared file
/// (<see cref="UpdateFileAsync(string, Func{string?, CancellationToken, Task{string?}}, bool, CancellationToken)"/>)
/// reads under the lock and commits under the lock only if the file is still what was read, so no
/// update is ever lost, whichever process makes it. Content travels on stdin, never in argv.
/// Paths are relative to the state dir; <see cref="CheckRelativePath"/> says what is allowed.
/// All methods throw <see cref="HostException"/> when the host cannot do what was asked.
/// </summary>
public sealed class StateDirectory
{
    /// <summary>
    /// Fixed script; arguments: flock path, state dir, relative path, mode, content size in bytes
    /// (<c>-1</c> = remove the file), expected version (<see cref="AnyVersion"/>,
    /// <see cref="AbsentVersion"/> or the SHA-256 the file must still have); content on stdin.
    /// Under the lock it compares the file with the expected version (exit 9 when it changed, so
    /// the caller's read-modify-write starts again from what is there now), then replaces or
    /// removes it. The temp file is chmod-ed before the content goes in, so a secret is never
    /// world-readable. The size check matters when the provider dies mid-write (kill -9, dropped
    /// SSH channel): the shell then sees end-of-file after part of the content, and without the
    /// check it would move a truncated file over the good one.
    /// </summary>
    private const string CommitScript = """
        set -eu
        flock=$1 state=$2 rel=$3 mode=$4 size=$5 expected=$6
        target="$state/$rel"
        dir=$(dirname -- "$target")
        if [ "$size" = -1 ] && [ ! -d "$dir" ]; then
          [ "$expected" = any ] || [ "$expected" = absent ] || exit 9
          echo absent; exit 0
        fi
        mkdir -p -- "$state" "$dir"
        exec 9>>"$state/.lock"
        "$flock" -w 120 9 || { echo "timed out waiting for the lock $state/.lock" >&2; exit 75; }
        case $expected in
          any) ;;
          absent) if [ -e "$target" ] || [ -L "$target" ]; then exit 9; fi ;;
          *) [ -f "$target" ] && [ "$(sha256sum < "$target")" = "$expected  -" ] || exit 9 ;;
        esac
        if [ "$size" = -1 ]; then
          if [ -e "$target" ] || [ -L "$target" ]; then rm -f -- "$target"; echo removed; else echo absent; fi
          exit 0
        fi
        tmp=$(mktemp "$dir/.homelab-tmp.XXXXXX")
        trap 'rm -f -- "$tmp"' EXIT
        chmod "$mode" "$tmp"
        cat > "$tmp"
        got=$(wc -c < "$tmp")
        [ $got -eq "$size" ] || { echo "got $got of $size bytes on stdin (writer gone?); $target left unchanged" >&2; exit 1; }
        mv -f -- "$tmp" "$target"
        trap - EXIT
        """;

    /// <summary>
    /// Fixed script; arguments: flock path, state dir, file path. Reads under the lock, so the
    /// version (first line: SHA-256 or <c>absent</c>) and the content that follows are one state
    /// of the file, never a mix of two writes.
    /// </summary>
    private const string VersionedReadScript = """
        set -eu
        flock=$1 state=$2 target=$3
        [ -d "$state" ] || { echo absent; exit 0; }
        exec 9>>"$state/.lock"
        "$flock" -w 120 9 || { echo "timed out waiting for the lock $state/.lock" >&2; exit 75; }
        [ -f "$target" ] || { echo absent; exit 0; }
        sum=$(sha256sum < "$target")
        printf '%s\n' "${sum%% *}"
        exec cat -- "$target"
        """;

    /// <summary>Exit code of <see cref="CommitScript"/> when the file is no longer the version the caller read.</summary>
    private const int ChangedExitCode = 9;

    /// <summary>Read-modify-write rounds before giving up (each lost round means another writer committed).</summary>
    private const int MaxUpdateRounds = 50;

    /// <summary>Version of a file that does not exist.</summary>
    public const string AbsentVersion = "absent";

    /// <summary>"Whatever is there": an unconditional write.</summary>
    public const string AnyVersion = "any";

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
        ArgumentNullException.ThrowIfNull(content);
        await CommitAsync(relativePath, AnyVersion, content, secret, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes <paramref name="content"/> only when the file does not exist yet (checked under the
    /// host lock, so of two writers racing for one name exactly one wins). False when it exists.
    /// </summary>
    public async Task<bool> CreateFileAsync(string relativePath, string content, bool secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        return await CommitAsync(relativePath, AbsentVersion, content, secret, cancellationToken).ConfigureAwait(false) != Outcome.Changed;
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

    /// <summary>
    /// The file's content (null when absent) and its version, read under the host lock. Pass the
    /// version to <see cref="UpdateFileAsync"/>'s commit: it only replaces the file if nobody
    /// changed it in between.
    /// </summary>
    public async Task<(string? Content, string Version)> ReadVersionedAsync(string relativePath, CancellationToken cancellationToken)
    {
        var rel = Checked(relativePath);
        var flock = await _tools.GetAsync("flock", cancellationToken).ConfigureAwait(false);
        var result = await _connection.RunAsync(
            new HostCommand(["/bin/sh", "-c", VersionedReadScript, "sh", flock, Root, $"{Root}/{rel}"]), cancellationToken).ConfigureAwait(false);
        var newline = result.Stdout.IndexOf('\n', StringComparison.Ordinal);
        if (!result.Succeeded || newline < 0)
        {
            throw new HostException("Cannot read a state file", $"Reading {Root}/{rel} on remote \"{_connection.Settings.Name}\" failed: {result.Describe()}");
        }
        var version = result.Stdout[..newline];
        return version == AbsentVersion ? (null, AbsentVersion) : (result.Stdout[(newline + 1)..], version);
    }

    /// <summary>Removes the file; true when it existed.</summary>
    public async Task<bool> RemoveFileAsync(string relativePath, CancellationToken cancellationToken) =>
        await CommitAsync(relativePath, AnyVersion, null, false, cancellationToken).ConfigureAwait(false) == Outcome.Removed;

    /// <summary>
    /// Read-modify-write of one shared file (e.g. <c>sanoid/sanoid.conf</c>, one section per
    /// resource) that no other writer can interleave with, in this process or any other:
    /// the file is read under the host lock with its version, <paramref name="transform"/> gets
    /// the content (null = absent) and returns the new one (null = remove the file; the same
    /// text = no write), and the result is committed under the host lock only if the file still
    /// has the version that was read. When another writer got there first, the round starts
    /// again from the file as it is now, so the transform (including any check it runs on the
    /// candidate, such as <c>sanoid --readonly</c>) always judges exactly what goes live. Writers
    /// of this process queue up per path first, so they never make each other retry.
    /// Returns the content the file has afterwards.
    /// </summary>
    public async Task<string?> UpdateFileAsync(string relativePath, Func<string?, CancellationToken, Task<string?>> transform, bool secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transform);
        var rel = Checked(relativePath);
        var gate = _fileLocks.GetOrAdd(rel, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var round = 1; ; round++)
            {
                var (current, version) = await ReadVersionedAsync(rel, cancellationToken).ConfigureAwait(false);
                var next = await transform(current, cancellationToken).ConfigureAwait(false);
                if (next == current)
                {
                    return next;
                }
                if (await CommitAsync(rel, version, next, secret, cancellationToken).ConfigureAwait(false) != Outcome.Changed)
                {
                    return next;
                }
                if (round == MaxUpdateRounds)
                {
                    throw new HostException("A state file keeps changing",
                        $"{Root}/{rel} on remote \"{_connection.Settings.Name}\" changed {round} times while this update was being prepared (other provider processes writing it). Run the apply again.");
                }
                // Another writer committed between our read and our commit: start again, after a short random pause.
                await Task.Delay(Random.Shared.Next(20, 200), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Same as the other overload, for a transform that runs no host commands.</summary>
    public Task<string?> UpdateFileAsync(string relativePath, Func<string?, string?> transform, bool secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transform);
        return UpdateFileAsync(relativePath, (current, _) => Task.FromResult(transform(current)), secret, cancellationToken);
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

    private enum Outcome
    {
        Written,
        Removed,
        Absent,
        Changed,
    }

    /// <summary>Runs <see cref="CommitScript"/>: writes <paramref name="content"/> (null = removes) if the file has <paramref name="expectedVersion"/>.</summary>
    private async Task<Outcome> CommitAsync(string relativePath, string expectedVersion, string? content, bool secret, CancellationToken cancellationToken)
    {
        var rel = Checked(relativePath);
        var flock = await _tools.GetAsync("flock", cancellationToken).ConfigureAwait(false);
        var size = content is null ? "-1" : System.Text.Encoding.UTF8.GetByteCount(content).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var result = await _connection.RunAsync(
            new HostCommand(["/bin/sh", "-c", CommitScript, "sh", flock, Root, rel, secret ? "0600" : "0644", size, expectedVersion]) { Stdin = content },
            cancellationToken).ConfigureAwait(false);
        if (result.ExitCode == ChangedExitCode)
        {
            return Outcome.Changed;
        }
        if (!result.Succeeded)
        {
            throw content is null
                ? new HostException("Cannot remove a state file", $"Removing {Root}/{rel} on remote \"{_connection.Settings.Name}\" failed: {result.Describe()}")
                : new HostException("Cannot write a state file", $"Writing {Root}/{rel} on remote \"{_connection.Settings.Name}\" failed: {result.Describe()}");
        }
        return content is not null ? Outcome.Written : result.Stdout.Trim() == "removed" ? Outcome.Removed : Outcome.Absent;
    }

    private static string Checked(string relativePath) =>
        CheckRelativePath(relativePath) is { } problem
            ? throw new ArgumentException($"Invalid state-dir path \"{relativePath}\": {problem}", nameof(relativePath))
            : relativePath;
}
