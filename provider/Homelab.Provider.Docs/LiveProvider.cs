using Homelab.Provider.Framework.Resources;

namespace Homelab.Provider.Docs;

/// <summary>
/// The provider exactly as terraform loads it: constructing it runs every domain's module
/// initializer, so the docs cover whatever resource types are registered.
/// </summary>
internal static class LiveProvider
{
    public static IProvider Create() => new HomelabProvider();
}
