using System.Runtime.CompilerServices;

namespace Homelab.Provider.Units;

/// <summary>Registers the systemd data source (<c>homelab_unit</c>) with <see cref="ResourceCatalog"/>.</summary>
internal static class UnitsRegistration
{
    [ModuleInitializer]
    internal static void Register() => ResourceCatalog.Add(() => new UnitDataSource());
}
