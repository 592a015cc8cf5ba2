namespace Homelab.Provider.Host;

/// <summary>
/// A value probed from a host once per process (tool paths, what syncoid supports, where
/// sanoid's defaults live) — but only once the probe succeeded. A failed probe (host unreachable
/// for a moment, sudo not yet configured, a tool installed a minute later) is forgotten, so the
/// next call probes again instead of failing for the rest of the process. Concurrent callers
/// share one probe in flight. Every host probe is cached through this class, nowhere else.
/// </summary>
public sealed class OnceSucceeded<T>
{
    private readonly Func<Task<T>> _load;
    private readonly Lock _lock = new();
    private Task<T>? _current;

    /// <param name="load">Runs without the caller's cancellation token: other callers may be waiting on it.</param>
    public OnceSucceeded(Func<Task<T>> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        _load = load;
    }

    public async Task<T> GetAsync(CancellationToken cancellationToken)
    {
        Task<T> task;
        lock (_lock)
        {
            task = _current ??= Task.Run(_load, CancellationToken.None);
        }
        try
        {
            return await task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (task.IsFaulted || task.IsCanceled)
        {
            lock (_lock)
            {
                if (ReferenceEquals(_current, task))
                {
                    _current = null;
                }
            }
            throw;
        }
    }
}
