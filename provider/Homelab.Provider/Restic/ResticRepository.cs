using System.Text;
using System.Text.Json;
using Homelab.Provider.Host;
using Homelab.Provider.Units;

namespace Homelab.Provider.Restic;

/// <summary>
/// The provider's own restic calls (open, init, keys) for one job, with the files of a
/// <see cref="ResticAccess"/>. Backend credentials reach restic through its environment: the
/// provider reads the environment file itself with systemd's grammar (<see cref="EnvironmentFile.Parse"/>;
/// the file is never evaluated by a shell), and hands the variables to a fixed script on stdin as
/// single-quoted <c>export</c> lines, so they are never arguments. <c>--no-cache</c>: these calls
/// must not leave a cache behind.
/// </summary>
internal sealed class ResticRepository
{
    /// <summary>
    /// Fixed script; arguments: flock, lock file ("" = none), mode (<c>run</c> or <c>init</c>), then
    /// the restic argv. stdin: the <c>export</c> lines. Under the lock, <c>init</c> first looks
    /// whether another job initialised the repository meanwhile and then only opens it.
    /// </summary>
    private const string Script = """
        set -u
        flock=$1 lock=$2 mode=$3
        shift 3
        vars=$(cat)
        if [ -n "$lock" ]; then
          mkdir -p -- "${lock%/*}" || exit 75
          exec 9>>"$lock"
          "$flock" -w 900 9 || { echo "timed out waiting for the repository lock $lock" >&2; exit 75; }
        fi
        eval "$vars"
        if [ "$mode" = init ]; then
          if "$@" cat config >/dev/null 2>&1 </dev/null; then echo "already initialised"; exit 0; fi
          exec "$@" init </dev/null
        fi
        exec "$@" </dev/null
        """;

    private const string ReadScript = """
        [ -r "$1" ] || { echo "cannot read $1" >&2; exit 3; }
        exec cat -- "$1"
        """;

    private readonly Remote _remote;

    public ResticRepository(Remote remote, ResticAccess access)
    {
        _remote = remote;
        Access = access;
    }

    public ResticAccess Access { get; }

    /// <summary>Opens the repository (<c>restic cat config</c>) and says what happened.</summary>
    /// <param name="locked">Wait for a running init of the same repository first (its half-written state looks like a missing repository or a wrong password).</param>
    public async Task<RepositoryProbe> ProbeAsync(bool locked, CancellationToken ct)
    {
        var (result, problem) = await RunAsync([.. Access.Prefix(), "--no-cache", "cat", "config"], "run", locked, ct).ConfigureAwait(false);
        return problem is not null
            ? new RepositoryProbe(RepositoryStatus.EnvironmentUnusable, null, problem)
            : Classify(result!.ExitCode, result.Stdout, result.Stderr, Redacted(result));
    }

    /// <summary><c>restic init</c> under the repository's lock, unless it exists by then; null on success, else the failure detail.</summary>
    public async Task<string?> InitAsync(CancellationToken ct)
    {
        var (result, problem) = await RunAsync([.. Access.Prefix(), "--no-cache"], "init", locked: true, ct).ConfigureAwait(false);
        return problem ?? (result!.Succeeded ? null : Redacted(result));
    }

    /// <summary>The id of the key the password opens (<c>restic key list</c>, "current"), or null with <paramref name="problem"/>.</summary>
    public async Task<(string? Id, string? Problem)> CurrentKeyAsync(CancellationToken ct)
    {
        var (result, problem) = await RunAsync([.. Access.Prefix(), "--no-cache", "--json", "key", "list"], "run", locked: false, ct).ConfigureAwait(false);
        if (problem is not null || !result!.Succeeded)
        {
            return (null, problem ?? Redacted(result!));
        }
        try
        {
            using var doc = JsonDocument.Parse(result.Stdout);
            foreach (var key in doc.RootElement.EnumerateArray())
            {
                if (key.TryGetProperty("current", out var current) && current.ValueKind == JsonValueKind.True && key.TryGetProperty("id", out var id))
                {
                    return (id.GetString(), null);
                }
            }
        }
        catch (JsonException ex)
        {
            return (null, "restic key list printed no JSON: " + ex.Message);
        }
        return (null, "restic key list marked no key as current.");
    }

    /// <summary><c>restic key add --new-password-file</c>: the password in <paramref name="newPasswordFile"/> opens the repository too.</summary>
    public Task<string?> AddKeyAsync(string newPasswordFile, CancellationToken ct) =>
        SimpleAsync([.. Access.Prefix(), "--no-cache", "key", "add", "--new-password-file", newPasswordFile], ct);

    /// <summary><c>restic key remove &lt;id&gt;</c> (restic refuses to remove the key it was opened with).</summary>
    public Task<string?> RemoveKeyAsync(string id, CancellationToken ct) =>
        SimpleAsync([.. Access.Prefix(), "--no-cache", "key", "remove", id], ct);

    /// <summary>
    /// A read-only restic command (<c>snapshots</c>, <c>stats</c>) with the job's files, no cache
    /// and no lock: its result, or a problem when the environment file cannot be read.
    /// </summary>
    public Task<(CommandResult? Result, string? Problem)> QueryAsync(IReadOnlyList<string> args, CancellationToken ct) =>
        RunAsync([.. Access.Prefix(), "--no-cache", .. args], "run", locked: false, ct);

    /// <summary>Maps restic's exit code and messages onto a status (restic 0.14 up to 0.18).</summary>
    public static RepositoryProbe Classify(int exitCode, string stdout, string stderr, string detail)
    {
        if (exitCode == 0)
        {
            return ParseId(stdout) is { } id
                ? new RepositoryProbe(RepositoryStatus.Ok, id, detail)
                : new RepositoryProbe(RepositoryStatus.Unreachable, null, "restic printed no repository id: " + detail);
        }
        // restic >= 0.17 documents these exit codes (restic(1) "EXIT STATUS").
        switch (exitCode)
        {
            case 10:
                return new RepositoryProbe(RepositoryStatus.Missing, null, detail);
            case 12:
                return new RepositoryProbe(RepositoryStatus.WrongPassword, null, detail);
        }
        if (Has(stderr, "wrong password or no key found"))
        {
            return new RepositoryProbe(RepositoryStatus.WrongPassword, null, detail);
        }
        if (Has(stderr, "Resolving password failed") || Has(stderr, "empty password") || Has(stderr, "reading repository password"))
        {
            return new RepositoryProbe(RepositoryStatus.PasswordUnusable, null, detail);
        }
        // restic 0.14 exits 1 for everything; a missing repository shows as a config file that is
        // not there (local, sftp: "no such file or directory"/"does not exist"; rest/s3: 404).
        var noConfig = Has(stderr, "unable to open config file") || Has(stderr, "repository does not exist");
        var notThere = Has(stderr, "no such file or directory") || Has(stderr, "does not exist") || Has(stderr, "404") || Has(stderr, "Not Found");
        var network = Has(stderr, "connection refused") || Has(stderr, "no such host") || Has(stderr, "timeout") || Has(stderr, "dial tcp");
        if (noConfig && notThere && !network)
        {
            return new RepositoryProbe(RepositoryStatus.Missing, null, detail);
        }
        return new RepositoryProbe(RepositoryStatus.Unreachable, null, detail);
    }

    /// <summary>A file on the host (a secret: the caller must never print it), or null with why not.</summary>
    public static async Task<(string? Content, string? Problem)> ReadHostFileAsync(Remote remote, string path, CancellationToken ct)
    {
        var result = await remote.Connection.RunAsync(new HostCommand(["/bin/sh", "-c", ReadScript, "sh", path]), ct).ConfigureAwait(false);
        return result.Succeeded ? (result.Stdout, null) : (null, result.Stderr.Trim().Length > 0 ? result.Stderr.Trim() : result.Describe());
    }

    private static string? ParseId(string stdout)
    {
        try
        {
            using var doc = JsonDocument.Parse(stdout);
            return doc.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool Has(string text, string what) => text.Contains(what, StringComparison.OrdinalIgnoreCase);

    private static string Redacted(CommandResult result) => ResticRepositoryText.Redact(result.Describe());

    private async Task<string?> SimpleAsync(IReadOnlyList<string> argv, CancellationToken ct)
    {
        var (result, problem) = await RunAsync(argv, "run", locked: false, ct).ConfigureAwait(false);
        return problem ?? (result!.Succeeded ? null : Redacted(result));
    }

    /// <summary>Runs restic through the fixed script; a problem (instead of a result) when the environment file cannot be read.</summary>
    private async Task<(CommandResult? Result, string? Problem)> RunAsync(IReadOnlyList<string> argv, string mode, bool locked, CancellationToken ct)
    {
        var exports = new StringBuilder();
        if (Access.EnvironmentFile is { } path)
        {
            var (content, problem) = await ReadHostFileAsync(_remote, path, ct).ConfigureAwait(false);
            if (content is null)
            {
                return (null, $"The environment file {path} cannot be read: {problem}");
            }
            foreach (var (key, value) in EnvironmentFile.Parse(content))
            {
                exports.Append("export ").Append(key).Append('=').Append(ShellQuote.Quote(value)).Append('\n');
            }
        }
        var result = await _remote.Connection.RunAsync(
            new HostCommand(["/bin/sh", "-c", Script, "homelab-restic", Access.Flock, locked ? Access.InitLock : "", mode, .. argv]) { Stdin = exports.ToString() },
            ct).ConfigureAwait(false);
        return (result, null);
    }
}
