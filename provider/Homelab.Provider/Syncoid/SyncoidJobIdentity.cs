using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Kit;

namespace Homelab.Provider.Syncoid;

/// <summary>The identity of `homelab_syncoid_job`: `remote` + `name`, the parts of its import id (Kit/RemoteNameIdentity).</summary>
internal sealed partial class SyncoidJobResource : IResourceIdentity
{
    private static readonly IdentitySchema Identity = RemoteNameIdentity.Schema("the job", "Job name, e.g. `replica`.");

    public IdentitySchema IdentitySchema => Identity;

    public TfValue IdentityOf(TfValue state, object? providerData) => RemoteNameIdentity.Of(Identity, state, providerData);

    public string? ImportIdOf(TfValue identity, object? providerData, DiagnosticBag diagnostics) =>
        RemoteNameIdentity.ImportIdOf(identity, providerData, diagnostics);
}
