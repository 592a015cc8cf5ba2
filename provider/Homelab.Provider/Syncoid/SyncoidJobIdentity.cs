using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Kit;

namespace Homelab.Provider.Syncoid;

/// <summary>The identity of <c>homelab_syncoid_job</c>: <c>remote</c> + <c>name</c>, the parts of its import id (<see cref="IRemoteNameIdentity"/>).</summary>
internal sealed partial class SyncoidJobResource : IRemoteNameIdentity
{
    public IdentitySchema IdentitySchema { get; } = RemoteNameIdentity.Schema("the job", "Job name, e.g. `replica`.");
}
