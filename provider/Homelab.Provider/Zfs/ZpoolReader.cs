using Homelab.Provider.Host;

namespace Homelab.Provider.Zfs;

/// <summary>The capacity (<c>zpool list</c>) and status (<c>zpool status</c>) of one pool.</summary>
internal sealed record PoolReading(PoolUsage Usage, PoolStatus Status);

/// <summary>
/// Reads a pool with two zpool processes, run concurrently: <see cref="ZpoolList"/> for the
/// numbers and <see cref="ZpoolStatus"/> for vdevs, errors and the last scrub. Both first try
/// OpenZFS's exact output (<c>-p</c>); a zpool that refuses it as an invalid option (zfs-fuse) is
/// remembered per remote and process and asked without it from then on.
/// </summary>
internal sealed class ZpoolReader(Remote remote)
{
    private bool? _listLiteral;
    private bool? _statusLiteral;

    public static ZpoolReader For(Remote remote) => remote.GetService(r => new ZpoolReader(r));

    /// <summary>The pool, or null when the remote has no pool of that name.</summary>
    public async Task<PoolReading?> ReadAsync(string pool, CancellationToken cancellationToken)
    {
        var zpool = await remote.Tools.GetAsync("zpool", cancellationToken).ConfigureAwait(false);
        var listing = RunAsync(zpool, literal => ZpoolList.Arguments(pool, literal), () => _listLiteral, v => _listLiteral = v, cancellationToken);
        var status = RunAsync(zpool, literal => literal ? ["status", "-p", pool] : ["status", pool], () => _statusLiteral, v => _statusLiteral = v, cancellationToken);
        await Task.WhenAll(listing, status).ConfigureAwait(false);
        var (list, stat) = (await listing.ConfigureAwait(false), await status.ConfigureAwait(false));
        if (IsMissing(list) || IsMissing(stat))
        {
            return null;
        }
        Check(list, pool);
        Check(stat, pool);
        var usage = ZpoolList.Parse(pool, list.Stdout)
            ?? throw new HostException($"Cannot read pool {pool}", $"`zpool list` printed no line for {pool}:\n{list.Stdout}");
        return new PoolReading(usage, ZpoolStatus.Parse(stat.Stdout));
    }

    private async Task<CommandResult> RunAsync(string zpool, Func<bool, IReadOnlyList<string>> arguments, Func<bool?> literal, Action<bool> remember, CancellationToken cancellationToken)
    {
        if (literal() != false)
        {
            var result = await RunInUtcAsync(zpool, arguments(true), cancellationToken).ConfigureAwait(false);
            if (!(result.ExitCode == 2 && result.Stderr.Contains("invalid option", StringComparison.Ordinal)))
            {
                if (result.Succeeded)
                {
                    remember(true);
                }
                return result;
            }
            remember(false);
        }
        return await RunInUtcAsync(zpool, arguments(false), cancellationToken).ConfigureAwait(false);
    }

    private Task<CommandResult> RunInUtcAsync(string zpool, IReadOnlyList<string> args, CancellationToken cancellationToken) =>
        remote.Connection.RunAsync(UtcCommand.For(zpool, args), cancellationToken); // scan lines print ctime(): local time, no zone

    private static bool IsMissing(CommandResult result) =>
        !result.Succeeded && result.Stderr.Contains("no such pool", StringComparison.Ordinal);

    private static void Check(CommandResult result, string pool)
    {
        if (!result.Succeeded)
        {
            throw new HostException($"Cannot read pool {pool}", result.Describe());
        }
    }
}
