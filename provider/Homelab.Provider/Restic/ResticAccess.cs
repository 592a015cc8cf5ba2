namespace Homelab.Provider.Restic;

/// <summary>
/// How one restic call reaches a repository: the files it reads (repository location, password,
/// backend environment — live, or staged for an apply that has not proven them yet), the
/// extended options, and the host-side lock that serialises <c>restic init</c> of that
/// repository across jobs, provider processes and workspaces.
/// </summary>
internal sealed record ResticAccess
{
    public required string Restic { get; init; }

    public required string Flock { get; init; }

    /// <summary>The repository as configured (for the init lock and the probe cache; never printed raw).</summary>
    public required string Repository { get; init; }

    public required string RepositoryFile { get; init; }

    public required string PasswordFile { get; init; }

    /// <summary>Null: no backend credentials.</summary>
    public string? EnvironmentFile { get; init; }

    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    /// <summary>The lock file of this repository on the host (see <see cref="ResticJobFiles.InitLockOf"/>).</summary>
    public required string InitLock { get; init; }

    /// <summary>restic and its global flags: repository and password come from files, never argv.</summary>
    public IReadOnlyList<string> Prefix()
    {
        var argv = new List<string> { Restic, "--repository-file", RepositoryFile, "--password-file", PasswordFile };
        foreach (var (key, value) in Options.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            argv.Add("-o");
            argv.Add($"{key}={value}");
        }
        return argv;
    }
}
