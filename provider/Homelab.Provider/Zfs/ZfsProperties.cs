using System.Globalization;
using System.Text.RegularExpressions;

namespace Homelab.Provider.Zfs;

/// <summary>
/// What this provider knows about ZFS properties: which keys users may set, which only at
/// creation, which cannot be inherited, and when a configured value and the host's parsed
/// (<c>zfs get -p</c>) value mean the same thing, so <c>1G</c> and <c>1073741824</c> never flap.
/// </summary>
internal static partial class ZfsProperties
{
    /// <summary>The user property that holds <c>description</c>.</summary>
    public const string DescriptionKey = "homelab:description";

    /// <summary>The user property the NixOS foundation sets on the Incus dataset (docs/nixgen.md).</summary>
    public const string OwnerKey = "homelab:owner";

    /// <summary>ZFS_MAXPROPLEN (8192 with the NUL) bounds user property values.</summary>
    public const int MaxValueBytes = 8191;

    /// <summary>ZFS_MAXNAMELEN bounds user property names.</summary>
    public const int MaxKeyLength = 256;

    /// <summary>Settable only by <c>zfs create -o</c>: a change forces replacement (zfsprops(7)).</summary>
    public static readonly IReadOnlySet<string> CreationOnly = new HashSet<string>(StringComparer.Ordinal)
    {
        "encryption", "keyformat", "pbkdf2iters", "casesensitivity", "normalization", "utf8only", "volblocksize",
    };

    /// <summary>Creation-only properties and their defaults: a non-default value is imported.</summary>
    public static readonly IReadOnlyDictionary<string, string> CreationOnlyDefaults = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["encryption"] = "off",
        ["keyformat"] = "none",
        ["casesensitivity"] = "sensitive",
        ["normalization"] = "none",
        ["utf8only"] = "off",
    };

    /// <summary><c>zfs inherit</c> refuses these; removing one from config sets this value instead.</summary>
    public static readonly IReadOnlyDictionary<string, string> ResetInsteadOfInherit = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["quota"] = "none",
        ["refquota"] = "none",
        ["reservation"] = "none",
        ["refreservation"] = "none",
        ["canmount"] = "on",
    };

    /// <summary>Read-only statistics and identifiers, and keys that have their own attribute.</summary>
    public static readonly IReadOnlyDictionary<string, string> NotSettable = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["volsize"] = "use the `volsize` attribute",
        ["type"] = "use the `type` attribute",
        ["name"] = "use the `name` attribute",
        [DescriptionKey] = "use the `description` attribute",
        ["available"] = "it is read-only", ["avail"] = "it is read-only", ["used"] = "it is read-only",
        ["referenced"] = "it is read-only", ["refer"] = "it is read-only", ["compressratio"] = "it is read-only",
        ["refcompressratio"] = "it is read-only", ["creation"] = "it is read-only", ["createtxg"] = "it is read-only",
        ["guid"] = "it is read-only", ["mounted"] = "it is read-only", ["origin"] = "it is read-only",
        ["usedbychildren"] = "it is read-only", ["usedbydataset"] = "it is read-only",
        ["usedbyrefreservation"] = "it is read-only", ["usedbysnapshots"] = "it is read-only",
        ["userrefs"] = "it is read-only", ["written"] = "it is read-only", ["logicalused"] = "it is read-only",
        ["logicalreferenced"] = "it is read-only", ["objsetid"] = "it is read-only", ["encryptionroot"] = "it is read-only",
        ["keystatus"] = "it is read-only", ["defer_destroy"] = "it is read-only", ["clones"] = "it is read-only",
        ["version"] = "it is managed with `zfs upgrade`",
    };

    [GeneratedRegex("\\A[a-z][a-z0-9_]*\\z")]
    private static partial Regex NativeKey();

    [GeneratedRegex("\\A[a-z0-9_.:-]+\\z")]
    private static partial Regex UserKey();

    [GeneratedRegex("\\A([0-9]+(?:\\.[0-9]+)?) *([bkmgtpez]?)(?:i?b)?\\z", RegexOptions.IgnoreCase)]
    private static partial Regex Size();

    public static bool IsUserProperty(string key) => key.Contains(':', StringComparison.Ordinal);

    /// <summary>Null when <paramref name="key"/> may appear in <c>properties</c>, else how to fix it.</summary>
    public static string? CheckKey(string key)
    {
        if (key.Length == 0)
        {
            return "The property name is empty.";
        }
        if (Text.InvalidUtf8OrControl(key) is { } bad)
        {
            return $"The property name contains {bad}.";
        }
        if (key.Length > MaxKeyLength)
        {
            return $"The property name is {key.Length} characters long; ZFS allows at most {MaxKeyLength}.";
        }
        if (key[0] == '-')
        {
            return "The property name starts with `-`, which tools would read as an option.";
        }
        if (NotSettable.TryGetValue(key, out var why))
        {
            return $"`{key}` cannot be set here: {why}.";
        }
        if (IsUserProperty(key))
        {
            return UserKey().IsMatch(key) && key[0] != ':' && key[^1] != ':'
                ? null
                : $"\"{Framework.Schema.Validators.Printable(key)}\" is not a valid user property name: use lowercase letters, digits and `: - . _`, with a `module:property` colon (e.g. `com.example:owner`).";
        }
        return NativeKey().IsMatch(key)
            ? null
            : $"\"{Framework.Schema.Validators.Printable(key)}\" is not a native ZFS property name (lowercase letters, digits, `_`); user properties need a colon, e.g. `com.example:owner`.";
    }

    /// <summary>Null when <paramref name="value"/> may be written to the host, else how to fix it.</summary>
    public static string? CheckValue(string value)
    {
        if (Text.InvalidUtf8OrControl(value) is { } bad)
        {
            return $"The value contains {bad}; ZFS property values are single-line text.";
        }
        var bytes = System.Text.Encoding.UTF8.GetByteCount(value);
        return bytes > MaxValueBytes ? $"The value is {bytes} bytes long; ZFS allows at most {MaxValueBytes}." : null;
    }

    /// <summary>
    /// Parses a ZFS size as <c>zfs_nicestrtonum</c> does: a number (fractions allowed) with an
    /// optional binary suffix B K M G T P E Z, optionally followed by <c>B</c> or <c>iB</c>.
    /// </summary>
    public static bool TryParseSize(string text, out decimal bytes)
    {
        bytes = 0;
        var m = Size().Match(text);
        if (!m.Success || !decimal.TryParse(m.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n))
        {
            return false;
        }
        var shift = "bkmgtpez".IndexOf(char.ToLowerInvariant(m.Groups[2].Value.FirstOrDefault('b')), StringComparison.Ordinal);
        try
        {
            var unit = 1m;
            for (var i = 0; i < shift; i++)
            {
                unit *= 1024; // exact: a double's 2^50 would round to 15 digits as a decimal
            }
            bytes = decimal.Truncate(n * unit);
        }
        catch (OverflowException)
        {
            return false;
        }
        return true;
    }

    /// <summary>
    /// True when the configured value and the host's parsed value mean the same: equal text, or
    /// (native properties only) equal sizes, or <c>none</c> where <c>-p</c> prints <c>0</c>.
    /// </summary>
    public static bool Equivalent(string key, string configured, string host)
    {
        if (configured == host)
        {
            return true;
        }
        if (IsUserProperty(key))
        {
            return false;
        }
        if (configured == "none" && host == "0" && ResetInsteadOfInherit.ContainsKey(key))
        {
            return true;
        }
        return TryParseSize(configured, out var a) && decimal.TryParse(host, NumberStyles.None, CultureInfo.InvariantCulture, out var b) && a == b;
    }
}
