using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;

namespace Homelab.Provider;

/// <summary>The <c>homelab</c> provider: its configuration schema and resource types.</summary>
internal sealed class HomelabProvider : IProvider
{
    /// <summary>Printed for TF_REATTACH_PROVIDERS in --debug mode.</summary>
    public const string SourceAddress = "registry.opentofu.org/homelab-providers/homelab";

    public string TypeName => "homelab";

    public ResourceSchema Schema { get; } = new(0, new Block
    {
        Description = "Manages the state-protection layer of a NixOS + Incus homelab host: ZFS datasets, Sanoid snapshots, Syncoid replication, Restic backups and ntfy alerts.",
    });

    public IReadOnlyList<IResource> Resources { get; } = [];

    public IReadOnlyList<IDataSource> DataSources { get; } = [];

    public Task<object?> ConfigureAsync(TfValue config, DiagnosticBag diagnostics, CancellationToken cancellationToken) =>
        Task.FromResult<object?>(null);
}
