namespace Homelab.Testing;

/// <summary>
/// Runs a generated service unit's commands the way systemd would, through scripts/run-unit.py —
/// the runner the sandbox uses, so the tests and the sandbox read unit files one way:
/// Environment=/EnvironmentFile= applied, ExecStartPre=/ExecStart=/ExecStartPost= in order
/// (the first failure fails the unit), specifiers such as <c>%H</c> <c>%n</c> <c>%C</c> <c>%%</c>
/// expanded. The output holds one "run-unit: ARGV" line on stderr per command.
/// </summary>
public static class UnitRunner
{
    /// <param name="unitFile">The .service file.</param>
    /// <param name="prependPath">A directory to put first on the unit's PATH (shims such as the zfs-fuse compat one).</param>
    /// <param name="directoriesRoot">
    /// Where <c>%C</c> <c>%S</c> <c>%L</c> <c>%t</c> point (root/cache, root/lib, …) instead of /var/cache and the
    /// like, so that tests running in parallel never share a cache; null for the system directories.
    /// </param>
    /// <param name="workingDirectory">The commands' working directory; the test process's by default.</param>
    /// <param name="environment">Changes to the test process's environment; the unit's own settings override them.</param>
    public static ProcessResult Run(string unitFile, string? prependPath = null, string? directoriesRoot = null,
        string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        List<string> args = [RepositoryRoot.Combine("scripts", "run-unit.py")];
        if (prependPath is not null)
        {
            args.AddRange(["--prepend-path", prependPath]);
        }
        if (directoriesRoot is not null)
        {
            args.AddRange(["--directories", directoriesRoot]);
        }
        args.Add(unitFile);
        return ProcessRunner.Run("python3", args, workingDirectory, environment, TimeSpan.FromMinutes(10));
    }
}
