using System.Runtime.CompilerServices;

namespace Homelab.Provider.Restic;

/// <summary>Adds <c>homelab_restic_job</c> and <c>homelab_restic_snapshots</c> to the provider's catalog at load time (AOT-safe, see <see cref="ResourceCatalog"/>).</summary>
internal static class ResticRegistration
{
    [ModuleInitializer]
    internal static void Register()
    {
        ResourceCatalog.Add(() => new ResticJobResource());
        ResourceCatalog.Add(() => new ResticSnapshotsDataSource());
    }
}
