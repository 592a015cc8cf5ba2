using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Kit;

namespace Homelab.Provider.Ntfy;

/// <summary>The identity of <c>homelab_ntfy_alert</c>: <c>remote</c> + <c>name</c>, the parts of its import id (<see cref="IRemoteNameIdentity"/>).</summary>
internal sealed partial class NtfyAlertResource : IRemoteNameIdentity
{
    public IdentitySchema IdentitySchema { get; } = RemoteNameIdentity.Schema("the alert", "Alert name, e.g. `phone`.");
}
