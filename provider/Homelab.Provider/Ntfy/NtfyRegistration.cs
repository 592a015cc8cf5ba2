using System.Runtime.CompilerServices;

namespace Homelab.Provider.Ntfy;

/// <summary>Adds the ntfy resources to the provider's catalog at load time (AOT-safe, see <see cref="ResourceCatalog"/>).</summary>
internal static class NtfyRegistration
{
    [ModuleInitializer]
    internal static void Register() => ResourceCatalog.Add(() => new NtfyAlertResource());
}
