using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Schema;

namespace Homelab.Provider.Docs.Tests.TestKit;

/// <summary>An importable resource type with a schema and no behaviour.</summary>
internal sealed class FakeResource(string typeName, Block block) : IResource, IImportState
{
    public string TypeName => typeName;

    public ResourceSchema Schema { get; } = new(0, block);

    public Task CreateAsync(CreateRequest request, ResourceResponse response, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task ReadAsync(ReadRequest request, ResourceResponse response, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task UpdateAsync(UpdateRequest request, ResourceResponse response, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task DeleteAsync(DeleteRequest request, ResourceResponse response, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task ImportAsync(ImportRequest request, ResourceResponse response, CancellationToken cancellationToken) => throw new NotSupportedException();
}
