using System.Runtime.CompilerServices;

namespace Homelab.Provider.Sanoid;

/// <summary>Adds <c>homelab_sanoid_policy</c> to the provider's catalog at load time (AOT-safe, see <see cref="ResourceCatalog"/>).</summary>
internal static class SanoidRegistration
{
    [ModuleInitializer]
    internal static void Register() => ResourceCatalog.Add(() => new SanoidPolicyResource());
}
