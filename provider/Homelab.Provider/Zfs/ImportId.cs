namespace Homelab.Provider.Zfs;

/// <summary>
/// Import ids: <c>[&lt;remote&gt;:]&lt;dataset&gt;</c>. Dataset names may themselves contain
/// <c>:</c>, so the text before the first colon is a remote only when a remote of that name is
/// configured and it holds no <c>/</c>.
/// </summary>
internal static class ImportId
{
    public static (string? Remote, string Name) Parse(string id, Func<string, bool> isRemote)
    {
        var colon = id.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            var prefix = id[..colon];
            if (!prefix.Contains('/', StringComparison.Ordinal) && isRemote(prefix))
            {
                return (prefix, id[(colon + 1)..]);
            }
        }
        return (null, id);
    }
}
