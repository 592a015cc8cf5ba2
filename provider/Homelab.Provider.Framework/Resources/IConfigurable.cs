using Homelab.Provider.Framework.Diagnostics;

namespace Homelab.Provider.Framework.Resources;

/// <summary>
/// Optional on a resource or data source: the configure hook. The framework calls
/// <see cref="Configure"/> once per process with what <see cref="IProvider.ConfigureAsync"/>
/// returned, right after ConfigureProvider and before any call that can use it, so the type keeps
/// its dependencies (a client, a connection registry) instead of looking them up on every call.
/// Errors it adds fail ConfigureProvider.
/// </summary>
public interface IConfigurable
{
    /// <summary>Receives the provider data, after <see cref="IProvider.ConfigureAsync"/> succeeded without errors.</summary>
    /// <param name="providerData">What <see cref="IProvider.ConfigureAsync"/> returned.</param>
    /// <param name="diagnostics">Where to report a problem; an error fails ConfigureProvider.</param>
    /// <exception cref="DiagnosticException">Thrown by the implementation to fail ConfigureProvider with that error.</exception>
    void Configure(object? providerData, DiagnosticBag diagnostics);
}
