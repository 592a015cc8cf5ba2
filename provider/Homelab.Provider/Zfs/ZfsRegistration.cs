using System.Runtime.CompilerServices;

namespace Homelab.Provider.Zfs;

/// <summary>Registers the ZFS resource and data source types with <see cref="ResourceCatalog"/>.</summary>
internal static class ZfsRegistration
{
    [ModuleInitializer]
    internal static void Register()
    {
        ResourceCatalog.Add(() => new ZfsDatasetResource());
        ResourceCatalog.Add(() => new SnapshotsDataSource());
        ResourceCatalog.Add(() => new ZpoolDataSource());
        ResourceCatalog.Add(() => new ZfsDatasetDataSource());
        ResourceCatalog.Add(() => new DelegationResource());
    }
}
