using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Functions;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Framework.Resources;

/// <summary>A provider: its configuration schema, its resource types, and how it configures itself.</summary>
public interface IProvider
{
    /// <summary>The provider's local name, the prefix of its resource types (e.g. <c>example</c>
    /// for <c>example_thing</c>); by default also the plugin's name (<see cref="Hosting.PluginHostOptions"/>).</summary>
    string TypeName { get; }

    /// <summary>The schema of the <c>provider</c> block; <see cref="ConfigureAsync"/> gets a value of its type.</summary>
    ResourceSchema Schema { get; }

    /// <summary>
    /// The managed resource types; each <see cref="IResource.TypeName"/> must be unique. Every schema
    /// (also of data sources) is checked, and a broken one is reported as an error with the provider schema.
    /// </summary>
    IReadOnlyList<IResource> Resources { get; }

    /// <summary>The data source types; each <see cref="IDataSource.TypeName"/> must be unique.</summary>
    IReadOnlyList<IDataSource> DataSources { get; }

    /// <summary>Provider-defined functions (<c>provider::&lt;name&gt;::&lt;function&gt;</c>); none by default.</summary>
    IReadOnlyList<IFunction> Functions => [];

    /// <summary>Static checks of the provider block (values may be unknown).</summary>
    void ValidateConfig(TfValue config, DiagnosticBag diagnostics)
    {
    }

    /// <summary>
    /// Called once per process before any lifecycle call. The returned object is handed to every
    /// resource call as <c>ProviderData</c>. Must be cheap: connect lazily.
    /// </summary>
    Task<object?> ConfigureAsync(TfValue config, DiagnosticBag diagnostics, CancellationToken cancellationToken);
}
