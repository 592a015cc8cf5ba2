using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Kit;

namespace Homelab.Provider.Sanoid;

/// <summary>The identity of <c>homelab_sanoid_policy</c>: <c>remote</c> + <c>name</c>, the parts of its import id (<see cref="IRemoteNameIdentity"/>).</summary>
internal sealed partial class SanoidPolicyResource : IRemoteNameIdentity
{
    public IdentitySchema IdentitySchema { get; } = RemoteNameIdentity.Schema("the policy", "Policy name, e.g. `persistent`.");
}
