using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Schema;

namespace Homelab.Provider.Docs.Tests.TestKit;

/// <summary>A data source with a schema and no behaviour.</summary>
internal sealed class FakeDataSource(string typeName, Block block) : IDataSource
{
    public string TypeName => typeName;

    public ResourceSchema Schema { get; } = new(0, block);

    public Task ReadAsync(DataSourceReadRequest request, DataSourceResponse response, CancellationToken cancellationToken) =>
        throw new NotSupportedException();
}
