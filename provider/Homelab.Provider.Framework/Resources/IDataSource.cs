using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Framework.Resources;

/// <summary>A data source: reads something from the world into computed attributes.</summary>
public interface IDataSource
{
    string TypeName { get; }

    ResourceSchema Schema { get; }

    void ValidateConfig(TfValue config, DiagnosticBag diagnostics)
    {
    }

    /// <summary>Returns the full state object for <paramref name="config"/>.</summary>
    Task<TfValue?> ReadAsync(TfValue config, object? providerData, DiagnosticBag diagnostics, CancellationToken cancellationToken);
}
