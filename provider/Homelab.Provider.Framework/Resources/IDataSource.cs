using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Framework.Resources;

/// <summary>
/// A data source: reads something from the world into computed attributes. Like a resource, it
/// gets a request and fills a response; the framework checks the answer against the schema (known,
/// configuration values kept) before the client sees it.
/// </summary>
public interface IDataSource
{
    /// <summary>The data source type, e.g. <c>example_thing</c> for <c>data "example_thing"</c>; unique among the provider's data sources.</summary>
    string TypeName { get; }

    /// <summary>The data source's schema: its configuration arguments and the computed attributes a read fills in.</summary>
    ResourceSchema Schema { get; }

    /// <summary>Static checks of the configuration (values may be unknown).</summary>
    void ValidateConfig(TfValue config, DiagnosticBag diagnostics)
    {
    }

    /// <summary>
    /// Sets <see cref="DataSourceResponse.State"/> to the full state object for
    /// <see cref="DataSourceReadRequest.Config"/>, or leaves it null with an error diagnostic.
    /// </summary>
    Task ReadAsync(DataSourceReadRequest request, DataSourceResponse response, CancellationToken cancellationToken);
}
