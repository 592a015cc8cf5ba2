using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Docs.Tests.TestKit;

/// <summary>A data source with a schema and no behaviour.</summary>
internal sealed class FakeDataSource(string typeName, Block block) : IDataSource
{
    public string TypeName => typeName;

    public ResourceSchema Schema { get; } = new(0, block);

    public Task<TfValue?> ReadAsync(TfValue config, object? providerData, DiagnosticBag diagnostics, CancellationToken cancellationToken) =>
        throw new NotSupportedException();
}
