using Microsoft.Extensions.Hosting;

namespace Homelab.Provider.Framework.Hosting;

/// <summary>
/// Replaces the console lifetime: the default one stops the host on Ctrl-C, but a plugin must
/// ignore SIGINT (the client handles it via StopProvider) and must not print a banner.
/// </summary>
internal sealed class NoConsoleLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
