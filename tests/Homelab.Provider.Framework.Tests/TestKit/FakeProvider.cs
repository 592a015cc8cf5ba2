using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Functions;
using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Framework.Tests.TestKit;

/// <summary>A provider with no configuration of its own that serves the given resources.</summary>
internal sealed class FakeProvider(params IResource[] resources) : IProvider
{
    public string TypeName => "test";

    public ResourceSchema Schema { get; } = new(0, new Block());

    public IReadOnlyList<IResource> Resources => resources;

    public IReadOnlyList<IDataSource> DataSources { get; init; } = [];

    public IReadOnlyList<IFunction> Functions { get; init; } = [];

    public Task<object?> ConfigureAsync(TfValue config, DiagnosticBag diagnostics, CancellationToken cancellationToken) =>
        Task.FromResult<object?>("provider-data");
}
