using Homelab.Provider.Host;

namespace Homelab.Provider.Zfs;

/// <summary>
/// Per-remote ZFS reads. Terraform calls ReadResource once per resource, concurrently (10 at a
/// time by default), so one-call-per-dataset would cost N zfs processes per refresh. Reads that
/// arrive within <see cref="Window"/> are coalesced into one <c>zfs get</c>; in
/// <see cref="ZfsReadMode.Pool"/> mode a whole pool is fetched once and served from memory, which
/// makes a refresh of N datasets cost one zfs call per pool. Any write on the remote
/// (<see cref="Invalidate"/>) drops the cache; reads after a write use <see cref="ReadFreshAsync"/>.
/// </summary>
internal sealed class ZfsReader
{
    public const string ModeVariable = "HOMELAB_ZFS_READ_BATCH";

    /// <summary>A cached pool listing is trusted this long (one provider process serves one walk).</summary>
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(60);

    /// <summary>Names per <c>zfs get</c> in names mode (keeps argv far below ARG_MAX).</summary>
    private const int MaxNamesPerCall = 256;

    private readonly Remote _remote;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (DateTime Fetched, Dictionary<string, DatasetInfo> Datasets)> _pools = new(StringComparer.Ordinal);
    private Batch? _pending;
    private long _generation;
    private int _invocations;
    private bool? _supportsTypeFilter;
    private bool _allLacksGuid;

    public ZfsReader(Remote remote, ZfsReadMode mode, TimeSpan window)
    {
        _remote = remote;
        Mode = mode;
        Window = window;
    }

    public ZfsReadMode Mode { get; }

    public TimeSpan Window { get; }

    /// <summary>zfs processes this reader started (for the benchmark and tests).</summary>
    public int Invocations => Volatile.Read(ref _invocations);

    /// <summary>The reader of <paramref name="remote"/> (mode from <c>HOMELAB_ZFS_READ_BATCH</c>).</summary>
    public static ZfsReader For(Remote remote) => remote.GetService(r => new ZfsReader(r, ModeFromEnvironment(), TimeSpan.FromMilliseconds(5)));

    public static ZfsReadMode ModeFromEnvironment() => Environment.GetEnvironmentVariable(ModeVariable)?.Trim().ToLowerInvariant() switch
    {
        "names" => ZfsReadMode.Names,
        "off" or "0" or "false" => ZfsReadMode.Off,
        _ => ZfsReadMode.Pool,
    };

    /// <summary>Drops cached listings; call after every write on this remote.</summary>
    public void Invalidate()
    {
        lock (_lock)
        {
            _generation++;
            _pools.Clear();
        }
    }

    /// <summary>The dataset, or null when it does not exist. Batched and cached per <see cref="Mode"/>.</summary>
    public async Task<DatasetInfo?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        if (Mode == ZfsReadMode.Off)
        {
            return await ReadFreshAsync(name, cancellationToken).ConfigureAwait(false);
        }
        var key = Mode == ZfsReadMode.Pool ? DatasetName.Pool(name) : name;
        Batch batch;
        lock (_lock)
        {
            if (Mode == ZfsReadMode.Pool && _pools.TryGetValue(key, out var cached) && DateTime.UtcNow - cached.Fetched < CacheLifetime)
            {
                return cached.Datasets.GetValueOrDefault(name);
            }
            if (_pending is null)
            {
                _pending = batch = new Batch(_generation);
                _ = FlushLaterAsync(batch);
            }
            else
            {
                batch = _pending;
            }
            batch.Keys.Add(key);
        }
        var result = await batch.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return result.GetValueOrDefault(name);
    }

    /// <summary>Reads one dataset now, bypassing batch and cache (after a write).</summary>
    public async Task<DatasetInfo?> ReadFreshAsync(string name, CancellationToken cancellationToken)
    {
        var found = await GetAsync([name], recursive: false, cancellationToken).ConfigureAwait(false);
        return found.GetValueOrDefault(name);
    }

    /// <summary>
    /// Reads <paramref name="properties"/> and <c>type</c>, <c>guid</c>, <c>creation</c> and
    /// <c>volsize</c> of one dataset now, in one zfs process: what a write reads back. (<c>all</c>
    /// would not do: zfs-fuse leaves <c>guid</c> out of it, which costs a second process.) A user
    /// property that is not set comes back as value and source <c>-</c>.
    /// </summary>
    public async Task<DatasetInfo?> ReadFreshAsync(string name, IEnumerable<string> properties, CancellationToken cancellationToken)
    {
        var list = string.Join(',', new[] { "type", "guid", "creation", "volsize" }.Concat(properties).Distinct(StringComparer.Ordinal));
        var found = Interpret(await RunGetAsync([], list, [name], cancellationToken).ConfigureAwait(false));
        return found.GetValueOrDefault(name);
    }

    private async Task FlushLaterAsync(Batch batch)
    {
        await Task.Delay(Window).ConfigureAwait(false);
        lock (_lock)
        {
            if (_pending == batch)
            {
                _pending = null;
            }
        }
        try
        {
            var keys = batch.Keys.Order(StringComparer.Ordinal).ToList();
            var all = new Dictionary<string, DatasetInfo>(StringComparer.Ordinal);
            if (Mode == ZfsReadMode.Pool)
            {
                all = await GetAsync(keys, recursive: true, CancellationToken.None).ConfigureAwait(false);
                lock (_lock)
                {
                    if (_generation == batch.Generation)
                    {
                        var now = DateTime.UtcNow;
                        foreach (var pool in keys)
                        {
                            _pools[pool] = (now, all.Where(kv => DatasetName.Pool(kv.Key) == pool).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal));
                        }
                    }
                }
            }
            else
            {
                foreach (var chunk in keys.Chunk(MaxNamesPerCall))
                {
                    foreach (var (k, v) in await GetAsync(chunk, recursive: false, CancellationToken.None).ConfigureAwait(false))
                    {
                        all[k] = v;
                    }
                }
            }
            batch.Done.TrySetResult(all);
        }
        catch (Exception ex)
        {
            batch.Done.TrySetException(ex);
        }
    }

    /// <summary>
    /// <c>zfs get -Hp -o name,property,value,source all</c> over <paramref name="names"/>. zfs-fuse
    /// leaves <c>guid</c> out of <c>all</c> (and refuses <c>all,guid</c>), so when the first answer
    /// lacks it, a second call fetches <c>guid</c> alone — still a constant number of calls.
    /// </summary>
    private async Task<Dictionary<string, DatasetInfo>> GetAsync(IReadOnlyList<string> names, bool recursive, CancellationToken cancellationToken)
    {
        var found = await GetPropertiesAsync("all", names, recursive, cancellationToken).ConfigureAwait(false);
        if (found.Count == 0)
        {
            return found;
        }
        if (!_allLacksGuid && found.Values.All(d => d.Get("guid") is not null))
        {
            return found;
        }
        _allLacksGuid = true;
        var guids = await GetPropertiesAsync("guid", names, recursive, cancellationToken).ConfigureAwait(false);
        return found.ToDictionary(
            kv => kv.Key,
            kv => guids.TryGetValue(kv.Key, out var g) && g.Get("guid") is { } guid
                ? kv.Value with { Properties = new Dictionary<string, PropertyValue>(kv.Value.Properties, StringComparer.Ordinal) { ["guid"] = guid } }
                : kv.Value,
            StringComparer.Ordinal);
    }

    private async Task<Dictionary<string, DatasetInfo>> GetPropertiesAsync(string properties, IReadOnlyList<string> names, bool recursive, CancellationToken cancellationToken)
    {
        // OpenZFS filters snapshots out with -t; zfs-fuse has no -t (its usage error is exit 2),
        // so the first recursive call probes and remembers.
        if (recursive && _supportsTypeFilter != false)
        {
            var typed = await RunGetAsync(["-r", "-t", "filesystem,volume"], properties, names, cancellationToken).ConfigureAwait(false);
            if (typed.ExitCode == 2 && typed.Stderr.Contains("invalid option", StringComparison.Ordinal))
            {
                _supportsTypeFilter = false;
            }
            else
            {
                _supportsTypeFilter = true;
                return Interpret(typed);
            }
        }
        return Interpret(await RunGetAsync(recursive ? ["-r"] : [], properties, names, cancellationToken).ConfigureAwait(false));
    }

    private async Task<CommandResult> RunGetAsync(IReadOnlyList<string> options, string properties, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _invocations);
        return await _remote.RunToolAsync("zfs", ["get", "-Hp", .. options, "-o", "name,property,value,source", properties, .. names], cancellationToken).ConfigureAwait(false);
    }

    private static Dictionary<string, DatasetInfo> Interpret(CommandResult result)
    {
        if (!result.Succeeded && !ZfsGetOutput.OnlyMissingDatasets(result.Stderr))
        {
            throw new HostException("Cannot read ZFS datasets", result.Describe());
        }
        return ZfsGetOutput.Parse(result.Stdout);
    }

    private sealed class Batch(long generation)
    {
        public long Generation { get; } = generation;

        public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);

        public TaskCompletionSource<Dictionary<string, DatasetInfo>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
