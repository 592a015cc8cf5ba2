using System.Text.Json;
using Homelab.Provider.Host;

namespace Homelab.Provider.Restic;

/// <summary>
/// The provider's own restic calls (open, init) for one job, with the same password, repository
/// and environment files the units use. Backend credentials reach restic through its environment:
/// a fixed <c>sh</c> script sources the job's environment file and execs restic, so they are never
/// arguments. <c>--no-cache</c>: these calls must not leave a cache behind.
/// </summary>
internal sealed class ResticRepository
{
    /// <summary>Fixed script: $1 = environment file, then the restic argv.</summary>
    private const string WithEnvironment = """
        [ -r "$1" ] || { echo "cannot read the environment file $1" >&2; exit 97; }
        set -a
        . "$1"
        set +a
        shift
        exec "$@"
        """;

    private readonly Remote _remote;
    private readonly ResticUnits _units;

    public ResticRepository(Remote remote, ResticUnits units)
    {
        _remote = remote;
        _units = units;
    }

    /// <summary>Opens the repository (<c>restic cat config</c>) and says what happened.</summary>
    public async Task<RepositoryProbe> ProbeAsync(CancellationToken ct)
    {
        var result = await RunAsync(["cat", "config"], ct).ConfigureAwait(false);
        return Classify(result.ExitCode, result.Stdout, result.Stderr, result.Describe());
    }

    /// <summary><c>restic init</c>; returns null on success, else the failure detail.</summary>
    public async Task<string?> InitAsync(CancellationToken ct)
    {
        var result = await RunAsync(["init"], ct).ConfigureAwait(false);
        return result.Succeeded ? null : result.Describe();
    }

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

    private async Task<CommandResult> RunAsync(IReadOnlyList<string> command, CancellationToken ct)
    {
        var restic = _units.ResticPrefix();
        List<string> argv = [.. restic, "--no-cache", .. command];
        if (_units.EnvironmentFileOnHost is { } env)
        {
            argv = ["/bin/sh", "-c", WithEnvironment, "homelab-restic-env", env, .. argv];
        }
        return await _remote.Connection.RunAsync(new HostCommand(argv), ct).ConfigureAwait(false);
    }
}
