namespace Homelab.Provider.Host;

/// <summary>
/// What a finished command produced. Success is decided by <see cref="ExitCode"/> alone; stderr is
/// for the diagnostic detail. A command killed by a signal reports exit code -1.
/// </summary>
public sealed record CommandResult(HostCommand Command, int ExitCode, string Stdout, string Stderr)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>A detail sentence for a diagnostic: the command, its exit code and its stderr.</summary>
    public string Describe()
    {
        var err = Stderr.Trim();
        return $"`{Command}` exited with code {ExitCode}" + (err.Length == 0 ? "." : $": {Truncate(err, 4000)}");
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max] + " …";
}
