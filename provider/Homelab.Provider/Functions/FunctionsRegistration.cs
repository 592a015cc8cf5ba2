using System.Runtime.CompilerServices;

namespace Homelab.Provider.Functions;

/// <summary>Registers the provider-defined functions with <see cref="ResourceCatalog"/>.</summary>
internal static class FunctionsRegistration
{
    [ModuleInitializer]
    internal static void Register()
    {
        ResourceCatalog.Add(() => new ParseSizeFunction());
        ResourceCatalog.Add(() => new FormatSizeFunction());
    }
}
