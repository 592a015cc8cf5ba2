namespace Homelab.Provider.Zfs;

/// <summary>
/// ZFS dataset names as this provider accepts them: <c>pool/a/b</c>, at most 255 bytes
/// (ZFS_MAX_DATASET_NAME_LEN is 256 with the NUL), components of ASCII letters, digits and
/// <c>_ - . :</c>. Stricter than ZFS on purpose (no spaces, no <c>@ # %</c>, no <c>.</c>/<c>..</c>
/// components, no leading <c>-</c> that a tool could read as an option).
/// </summary>
internal static class DatasetName
{
    public const int MaxLength = 255;

    /// <summary>
    /// Null when <paramref name="name"/> is acceptable, else a sentence saying how to fix it.
    /// With <paramref name="allowPool"/> a bare pool name passes too (e.g. a whole pool declared
    /// as Incus-owned).
    /// </summary>
    public static string? Check(string name, bool allowPool = false)
    {
        if (name.Length == 0)
        {
            return "The dataset name is empty. Use the full name, e.g. `tank/data/media`.";
        }
        if (Text.InvalidUtf8OrControl(name) is { } bad)
        {
            return $"The dataset name contains {bad}. Use ASCII letters, digits and `_ - . :` separated by `/`.";
        }
        if (System.Text.Encoding.UTF8.GetByteCount(name) > MaxLength)
        {
            return $"The dataset name is {System.Text.Encoding.UTF8.GetByteCount(name)} bytes long; ZFS allows at most {MaxLength}.";
        }
        var parts = name.Split('/');
        if (parts.Length < 2 && !allowPool)
        {
            return $"\"{name}\" is a pool, not a dataset inside one: pools are created with `zpool` (or the NixOS foundation). Use `{name}/<dataset>`.";
        }
        if (!char.IsAsciiLetter(parts[0].FirstOrDefault()))
        {
            return "The pool name (first component) must start with a letter.";
        }
        foreach (var part in parts)
        {
            if (part.Length == 0)
            {
                return "The dataset name has an empty component (a leading, trailing or doubled `/`).";
            }
            if (part is "." or "..")
            {
                return $"The component \"{part}\" is not allowed: dataset names have no relative components.";
            }
            if (part[0] == '-')
            {
                return $"The component \"{part}\" starts with `-`, which tools would read as an option.";
            }
            foreach (var c in part)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ':'))
                {
                    return c switch
                    {
                        '@' => "`@` names a snapshot; this resource manages filesystems and volumes only.",
                        '#' => "`#` names a bookmark; this resource manages filesystems and volumes only.",
                        _ => $"The character '{Framework.Schema.Validators.Printable(c.ToString())}' is not allowed. Use ASCII letters, digits and `_ - . :` separated by `/`.",
                    };
                }
            }
        }
        return null;
    }

    public static string Pool(string name) => name.Split('/')[0];

    /// <summary>The parent dataset, or null for a pool root.</summary>
    public static string? Parent(string name)
    {
        var slash = name.LastIndexOf('/');
        return slash < 0 ? null : name[..slash];
    }

    /// <summary>
    /// <paramref name="name"/>'s ancestors from the pool down, then <paramref name="name"/> itself:
    /// <c>tank/a/b</c> → <c>tank</c>, <c>tank/a</c>, <c>tank/a/b</c>.
    /// </summary>
    public static IEnumerable<string> SelfAndAncestors(string name)
    {
        for (var slash = name.IndexOf('/', StringComparison.Ordinal); slash > 0; slash = name.IndexOf('/', slash + 1))
        {
            yield return name[..slash];
        }
        yield return name;
    }

    /// <summary>True when <paramref name="name"/> is <paramref name="ancestor"/> or inside it.</summary>
    public static bool IsAtOrInside(string name, string ancestor) =>
        name == ancestor || name.StartsWith(ancestor + "/", StringComparison.Ordinal);
}
