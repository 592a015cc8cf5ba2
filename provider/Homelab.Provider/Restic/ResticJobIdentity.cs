using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Kit;

namespace Homelab.Provider.Restic;

/// <summary>The identity of `homelab_restic_job`: `remote` + `name`, the parts of its import id (Kit/RemoteNameIdentity).</summary>
internal sealed partial class ResticJobResource : IResourceIdentity
{
    private static readonly IdentitySchema Identity = RemoteNameIdentity.Schema("the job", "Job name, e.g. `offsite`.");

    public IdentitySchema IdentitySchema => Identity;

    public TfValue IdentityOf(TfValue state, object? providerData) => RemoteNameIdentity.Of(Identity, state, providerData);

    public string? ImportIdOf(TfValue identity, object? providerData, DiagnosticBag diagnostics) =>
        RemoteNameIdentity.ImportIdOf(identity, providerData, diagnostics);
}
