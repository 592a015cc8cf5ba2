using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Kit;

namespace Homelab.Provider.Zfs;

/// <summary>The identity of <c>homelab_zfs_dataset</c>: <c>remote</c> + <c>name</c>, the parts of its import id (<see cref="IRemoteNameIdentity"/>).</summary>
internal sealed partial class ZfsDatasetResource : IRemoteNameIdentity
{
    public IdentitySchema IdentitySchema { get; } = RemoteNameIdentity.Schema("the dataset", "Full dataset name, e.g. `tank/data/media`.");
}
