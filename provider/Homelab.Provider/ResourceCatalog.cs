using Homelab.Provider.Framework.Functions;
using Homelab.Provider.Framework.Resources;

namespace Homelab.Provider;

/// <summary>
/// Resource types, data sources and functions of the provider. Each domain folder registers its own types
/// from a <c>[ModuleInitializer]</c> (AOT-safe: no reflection, runs once at load), so adding a
/// resource never edits a shared list. Lists are sorted by type name for determinism.
/// </summary>
internal static class ResourceCatalog
{
    private static readonly List<Func<IResource>> ResourceFactories = [];
    private static readonly List<Func<IDataSource>> DataSourceFactories = [];
    private static readonly List<Func<IFunction>> FunctionFactories = [];

    public static void Add(Func<IResource> factory) => ResourceFactories.Add(factory);

    public static void Add(Func<IDataSource> factory) => DataSourceFactories.Add(factory);

    public static void Add(Func<IFunction> factory) => FunctionFactories.Add(factory);

    /// <summary><paramref name="explicitResources"/> plus every registered resource, sorted by type name.</summary>
    public static IReadOnlyList<IResource> Resources(params IResource[] explicitResources) =>
        [.. explicitResources.Concat(ResourceFactories.Select(f => f())).OrderBy(r => r.TypeName, StringComparer.Ordinal)];

    public static IReadOnlyList<IDataSource> DataSources(params IDataSource[] explicitSources) =>
        [.. explicitSources.Concat(DataSourceFactories.Select(f => f())).OrderBy(d => d.TypeName, StringComparer.Ordinal)];

    public static IReadOnlyList<IFunction> Functions() =>
        [.. FunctionFactories.Select(f => f()).OrderBy(f => f.Name, StringComparer.Ordinal)];
}
