using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Framework.Resources;

/// <summary>
/// Read of a data source: <see cref="Config"/> is the block's configuration (every value known);
/// <see cref="ProviderData"/> is what <see cref="IProvider.ConfigureAsync"/> returned.
/// </summary>
public sealed record DataSourceReadRequest(TfValue Config, object? ProviderData);
