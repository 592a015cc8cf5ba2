using System.Collections.Concurrent;
using Homelab.Provider.Host;

namespace Homelab.Provider.Tests.TestKit;

/// <summary>Instruments a runner: counts every process started and the zfs ones among them, and keeps the zfs argv.</summary>
internal sealed class CountingConnection(IHostConnection inner) : IHostConnection
{
    private int _all;
    private int _zfs;

    public int All => Volatile.Read(ref _all);

    public int Zfs => Volatile.Read(ref _zfs);

    /// <summary>The arguments of every zfs command, in start order (without the tool path).</summary>
    public ConcurrentQueue<IReadOnlyList<string>> ZfsCommands { get; } = new();

    public RemoteSettings Settings => inner.Settings;

    public Task<CommandResult> RunAsync(HostCommand command, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _all);
        if (command.Argv[0] == "zfs" || command.Argv[0].EndsWith("/zfs", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _zfs);
            ZfsCommands.Enqueue([.. command.Argv.Skip(1)]);
        }
        return inner.RunAsync(command, cancellationToken);
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
