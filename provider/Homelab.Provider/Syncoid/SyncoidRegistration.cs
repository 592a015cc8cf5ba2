using System.Runtime.CompilerServices;

namespace Homelab.Provider.Syncoid;

/// <summary>Adds <c>homelab_syncoid_job</c> to the provider's catalog at load time (AOT-safe, see <see cref="ResourceCatalog"/>).</summary>
internal static class SyncoidRegistration
{
    [ModuleInitializer]
    internal static void Register() => ResourceCatalog.Add(() => new SyncoidJobResource());
}
