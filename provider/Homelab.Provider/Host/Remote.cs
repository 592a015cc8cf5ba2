using System.Collections.Concurrent;

namespace Homelab.Provider.Host;

/// <summary>
/// Everything the provider keeps per remote and process: the connection (lazy, shared by all
/// RPCs), tool paths (discovered once), the state dir, and per-remote services of resources
/// (e.g. the ZFS read batcher) via <see cref="GetService{T}"/>.
/// </summary>
public sealed class Remote : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Type, object> _services = new();

    public Remote(IHostConnection connection)
    {
        Connection = connection;
        Tools = new ToolPaths(connection);
        StateDir = new StateDirectory(connection, Tools);
    }

    public string Name => Settings.Name;

    public RemoteSettings Settings => Connection.Settings;

    public IHostConnection Connection { get; }

    public ToolPaths Tools { get; }

    public StateDirectory StateDir { get; }

    /// <summary>Creates a remote for <paramref name="settings"/>: local or SSH by its address.</summary>
    public static Remote For(RemoteSettings settings) =>
        new(settings.IsLocal ? new LocalConnection(settings) : new SshConnection(settings));

    /// <summary>One instance of <typeparamref name="T"/> per remote, created on first use (thread-safe).</summary>
    public T GetService<T>(Func<Remote, T> create)
        where T : class =>
        (T)_services.GetOrAdd(typeof(T), static (_, arg) => arg.create(arg.self), (create, self: this));

    /// <summary>Runs a tool found by <see cref="ToolPaths"/>: <c>RunToolAsync("zfs", ["list"], ct)</c>.</summary>
    public async Task<CommandResult> RunToolAsync(string tool, IReadOnlyList<string> args, CancellationToken cancellationToken, string? stdin = null)
    {
        var path = await Tools.GetAsync(tool, cancellationToken).ConfigureAwait(false);
        return await Connection.RunAsync(new HostCommand([path, .. args]) { Stdin = stdin }, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
