namespace Homelab.Provider.Framework.Hosting;

/// <summary>Fires once, when the process should stop serving (Shutdown RPC or SIGTERM).</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "One per process, alive until it exits; a CancellationTokenSource without timer or wait handle holds nothing to release, and disposing it could make a late Request throw.")]
internal sealed class ShutdownSignal
{
    private readonly CancellationTokenSource _cts = new();
    private readonly TaskCompletionSource<string> _reason = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CancellationToken Token => _cts.Token;

    public Task<string> Requested => _reason.Task;

    public void Request(string reason)
    {
        if (_reason.TrySetResult(reason))
        {
            _cts.Cancel();
        }
    }
}
