using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Schema;

namespace Homelab.Provider.Host;

/// <summary>
/// Import ids <c>[&lt;remote&gt;:]&lt;name&gt;</c> of resources whose names never contain <c>:</c>
/// (sanoid policies, syncoid and restic jobs, ntfy alerts). Dataset names may contain colons and
/// use <c>Zfs.ImportId</c> instead.
/// </summary>
internal static class NamedImportId
{
    /// <summary>
    /// Splits <paramref name="id"/>; the remote (when given) must be configured and the name must
    /// satisfy <paramref name="isValidName"/>. Otherwise an "Invalid import id" error that states
    /// the grammar with <paramref name="example"/> is added and false returned.
    /// </summary>
    /// <param name="what">What the name names, e.g. "job name", for the grammar sentence.</param>
    public static bool TryParse(string id, HostRegistry registry, Func<string, bool> isValidName, string what, string example,
        DiagnosticBag diagnostics, out string? remote, out string name)
    {
        var grammar = $"The id is `[<remote>:]<{what}>` ({what}s: lowercase letters, digits, `_` and `-`), e.g. `{example}` or `atlas:{example}`.";
        var colon = id.IndexOf(':', StringComparison.Ordinal);
        remote = colon < 0 ? null : id[..colon];
        name = colon < 0 ? id : id[(colon + 1)..];
        if (remote is not null && !registry.Contains(remote))
        {
            diagnostics.AddError("Invalid import id", $"{registry.UnknownRemoteDetail(remote)} {grammar}");
            return false;
        }
        if (!isValidName(name))
        {
            diagnostics.AddError("Invalid import id", $"\"{Validators.Printable(id)}\" is not a valid id. {grammar}");
            return false;
        }
        return true;
    }
}
