using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Server;
using Homelab.Provider.Framework.Tests.TestKit;
using Homelab.Provider.Framework.Values;
using Homelab.Testing;
using Proto = Homelab.Provider.Framework.Protocol;

namespace Homelab.Provider.Framework.Tests.Server;

/// <summary>
/// The configure hook: ConfigureProvider hands the provider's data to every resource and data
/// source that implements <see cref="IConfigurable"/>, once, and their errors fail it.
/// </summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class ConfigureHookTests
{
    private static readonly FakeServerCallContext Context = new();

    [Fact]
    public async Task Resources_and_data_sources_receive_the_provider_data_once()
    {
        var resource = new ConfigurableResource();
        var source = new ConfigurableDataSource();
        var service = new ProviderService(new ProviderRuntime(new FakeProvider(resource) { DataSources = [source] }));

        var response = await service.ConfigureProvider(Request(), Context);

        Assert.Empty(response.Diagnostics);
        Assert.Equal(["provider-data"], resource.Seen);
        Assert.Equal(["provider-data"], source.Seen);
    }

    [Fact]
    public async Task An_error_from_the_hook_fails_configure_provider()
    {
        var resource = new ConfigurableResource { Error = "No credentials" };
        var service = new ProviderService(new ProviderRuntime(new FakeProvider(resource)));

        var response = await service.ConfigureProvider(Request(), Context);

        var d = Assert.Single(response.Diagnostics);
        Assert.Equal(Proto.Diagnostic.Types.Severity.Error, d.Severity);
        Assert.Equal("No credentials", d.Summary);
    }

    private static Proto.ConfigureProvider.Types.Request Request() =>
        new() { Config = Wire.Dv(null, new Block().ImpliedType) };

    private sealed class ConfigurableResource : IResource, IConfigurable
    {
        public List<object?> Seen { get; } = [];

        public string? Error { get; init; }

        public string TypeName => "test_configurable";

        public ResourceSchema Schema { get; } = new(0, FakeResource.Block);

        public void Configure(object? providerData, DiagnosticBag diagnostics)
        {
            Seen.Add(providerData);
            if (Error is not null)
            {
                diagnostics.AddError(Error, "The hook refused.");
            }
        }

        public Task CreateAsync(CreateRequest request, ResourceResponse response, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task ReadAsync(ReadRequest request, ResourceResponse response, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task UpdateAsync(UpdateRequest request, ResourceResponse response, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task DeleteAsync(DeleteRequest request, ResourceResponse response, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private sealed class ConfigurableDataSource : IDataSource, IConfigurable
    {
        public List<object?> Seen { get; } = [];

        public string TypeName => "test_source";

        public ResourceSchema Schema { get; } = new(0, new Block());

        public void Configure(object? providerData, DiagnosticBag diagnostics) => Seen.Add(providerData);

        public Task ReadAsync(DataSourceReadRequest request, DataSourceResponse response, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
