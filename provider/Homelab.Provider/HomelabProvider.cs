using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Functions;
using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Host;

namespace Homelab.Provider;

/// <summary>The <c>homelab</c> provider: its configuration schema and resource types.</summary>
internal sealed class HomelabProvider : IProvider
{
    /// <summary>Printed for TF_REATTACH_PROVIDERS in --debug mode.</summary>
    public const string SourceAddress = "registry.opentofu.org/homelab-providers/homelab";

    public string TypeName => "homelab";

    public ResourceSchema Schema { get; } = new(0, ProviderConfig.Schema);

    // Resource types register themselves: [ModuleInitializer] static void Register() =>
    // ResourceCatalog.Add(() => new MyResource()); see ResourceCatalog.
    public IReadOnlyList<IResource> Resources { get; } = ResourceCatalog.Resources();

    public IReadOnlyList<IDataSource> DataSources { get; } = ResourceCatalog.DataSources();

    public IReadOnlyList<IFunction> Functions { get; } = ResourceCatalog.Functions();

    public void ValidateConfig(TfValue config, DiagnosticBag diagnostics) => ProviderConfig.Validate(config, diagnostics);

    /// <summary>Cheap: parses settings only; connections open on the first command of each remote.</summary>
    public Task<object?> ConfigureAsync(TfValue config, DiagnosticBag diagnostics, CancellationToken cancellationToken) =>
        Task.FromResult<object?>(ProviderConfig.Build(config, Environment.GetEnvironmentVariable, diagnostics));
}
