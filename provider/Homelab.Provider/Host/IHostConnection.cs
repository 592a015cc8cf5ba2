namespace Homelab.Provider.Host;

/// <summary>
/// Runs commands on one host. Thread-safe: concurrent RPCs share one instance per remote.
/// Implementations connect lazily on the first command and reconnect when the link dropped.
/// </summary>
public interface IHostConnection : IAsyncDisposable
{
    /// <summary>The remote this connection belongs to (name, address, sudo, timeouts).</summary>
    RemoteSettings Settings { get; }

    /// <summary>
    /// Runs <paramref name="command"/> (prefixed with <c>sudo -n --</c> when the remote uses sudo)
    /// and returns its exit code, stdout and stderr. Throws <see cref="HostException"/> only when
    /// the command could not run or did not finish (connection, host key, timeout, cancellation).
    /// </summary>
    Task<CommandResult> RunAsync(HostCommand command, CancellationToken cancellationToken);
}
