using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Host;

namespace Homelab.Provider.Kit;

/// <summary>
/// The adopt/import rule of every resource (docs/design/state-files.md): create never takes over
/// an object that already exists on the host (a sanoid block, unit files, an env file, a restic
/// job), whoever made it — by hand, another workspace, or a state that was lost. Adopting it
/// silently would let two owners overwrite each other, and destroying either would remove the
/// other's. The user says "this is mine" with an import instead; this is the one message that
/// says how.
/// </summary>
internal static class Ownership
{
    /// <summary>
    /// The error for a create that found <paramref name="what"/> already on the host, on the
    /// <c>name</c> attribute. <paramref name="where"/> says where it was found (a path on the host);
    /// the import id carries the remote unless it is the default one.
    /// </summary>
    public static DiagnosticException AlreadyExists(string resourceType, string what, string where, string name, string remote, object? providerData)
    {
        var id = remote == HostRegistry.From(providerData).DefaultRemote ? name : $"{remote}:{name}";
        return new DiagnosticException($"{what} already exists",
            $"Remote \"{remote}\" already has {what.ToLowerInvariant()} \"{name}\" ({where}), and this resource did not create it (it was made by hand, by another workspace, or its state was lost). "
            + $"The provider does not take over what it did not create. To manage it from here, import it: `tofu import {resourceType}.<label> {id}` (or an `import` block with `to = {resourceType}.<label>` and `id = \"{id}\"`), "
            + "then plan to see how it differs from the configuration. Otherwise choose another `name`.",
            AttrPath.Attribute("name"));
    }
}
