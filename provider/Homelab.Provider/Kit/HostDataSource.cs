using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Host;

namespace Homelab.Provider.Kit;

/// <summary>
/// What every homelab data source shares: the remote it reads from (<c>remote</c>, else the
/// default remote; an unknown one is an error on <c>remote</c>, see <see cref="RemoteAttribute"/>),
/// then one read on that remote. A data source implements only the read.
/// </summary>
internal abstract class HostDataSource(string typeName, ResourceSchema schema) : IDataSource, IConfigurable
{
    private HostRegistry? _hosts;

    public string TypeName => typeName;

    public ResourceSchema Schema => schema;

    /// <summary>The configure hook: the provider's remotes, once per process.</summary>
    public void Configure(object? providerData, DiagnosticBag diagnostics) => _hosts = HostRegistry.From(providerData);

    public async Task ReadAsync(DataSourceReadRequest request, DataSourceResponse response, CancellationToken cancellationToken)
    {
        var hosts = _hosts ?? throw new InvalidOperationException($"{typeName} was read before the provider was configured.");
        if (RemoteAttribute.ForDataSource(request.Config, hosts, response.Diagnostics) is { } remote)
        {
            response.State = await ReadAsync(remote, request.Config, response.Diagnostics, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The state for <paramref name="config"/> read on <paramref name="remote"/>, or null with an error in <paramref name="diagnostics"/>.</summary>
    protected abstract Task<TfValue?> ReadAsync(Remote remote, TfValue config, DiagnosticBag diagnostics, CancellationToken cancellationToken);

    /// <summary>The error for a dataset (named by <paramref name="attribute"/>) that does not exist on <paramref name="remote"/>.</summary>
    protected static void DatasetNotFound(DiagnosticBag diagnostics, string dataset, Remote remote, string attribute) =>
        diagnostics.AddError("Dataset not found",
            $"{dataset} does not exist on remote \"{remote.Name}\". Check the name (`zfs list` on the host) or create the dataset first.",
            AttrPath.Attribute(attribute));
}
