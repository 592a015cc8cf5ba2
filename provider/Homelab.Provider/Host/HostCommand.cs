namespace Homelab.Provider.Host;

/// <summary>
/// A command to run on a host: an argv array (never a shell string), optional standard input
/// (use it for secrets: stdin never shows up in <c>ps</c> or in logs) and an optional timeout that
/// overrides the remote's default.
/// </summary>
public sealed record HostCommand
{
    public HostCommand(IReadOnlyList<string> argv)
    {
        ArgumentNullException.ThrowIfNull(argv);
        if (argv.Count == 0 || string.IsNullOrEmpty(argv[0]))
        {
            throw new ArgumentException("A command needs a program name as its first word.", nameof(argv));
        }
        Argv = argv;
    }

    public IReadOnlyList<string> Argv { get; }

    /// <summary>Written to the command's standard input, then closed. Null: stdin is empty.</summary>
    public string? Stdin { get; init; }

    /// <summary>Null: the remote's <c>command_timeout</c>.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Run without the remote's <c>sudo</c> prefix (e.g. probes that must run as the login user).</summary>
    public bool NoSudo { get; init; }

    /// <summary>Shorthand for <c>new HostCommand([..])</c>.</summary>
    public static HostCommand Of(params string[] argv) => new(argv);

    /// <summary>Readable rendering for diagnostics and logs (shell-quoted; stdin is never shown).</summary>
    public override string ToString() => ShellQuote.Join(Argv);
}
