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
    void Configure(object? providerData, DiagnosticBag diagnostics);
}
