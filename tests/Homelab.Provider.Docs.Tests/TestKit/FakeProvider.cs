using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Docs.Tests.TestKit;

/// <summary>A provider that is nothing but a schema, for generator tests.</summary>
internal sealed class FakeProvider(Block config, IReadOnlyList<IResource>? resources = null, IReadOnlyList<IDataSource>? dataSources = null) : IProvider
{
    public string TypeName => "fake";

    public ResourceSchema Schema { get; } = new(0, config);

    public IReadOnlyList<IResource> Resources { get; } = resources ?? [];

    public IReadOnlyList<IDataSource> DataSources { get; } = dataSources ?? [];

    public Task<object?> ConfigureAsync(TfValue config, DiagnosticBag diagnostics, CancellationToken cancellationToken) =>
        Task.FromResult<object?>(null);
}
