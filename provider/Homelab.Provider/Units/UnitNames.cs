using System.Text.RegularExpressions;

namespace Homelab.Provider.Units;

/// <summary>
/// Names of the units the provider generates: <c>homelab-&lt;kind&gt;-&lt;name&gt;</c> with
/// <c>&lt;name&gt;</c> matching <see cref="NamePattern"/> (docs/design/units.md), so a unit name
/// never needs systemd escaping (no <c>@</c>, no <c>.</c>, no <c>\</c>).
/// </summary>
internal static partial class UnitNames
{
    /// <summary>The grammar of a job/alert name that becomes part of a unit name.</summary>
    public const string NamePattern = @"\A[a-z0-9][a-z0-9_-]{0,62}\z";

    /// <summary>Directory under the state dir that holds the unit files.</summary>
    public const string Directory = "units";

    /// <summary>Where the provider and the foundation link the units so systemd loads them.</summary>
    public const string RuntimeDirectory = "/run/systemd/system";

    /// <summary>True when <paramref name="name"/> may be used as the <c>&lt;name&gt;</c> part of a unit name.</summary>
    public static bool IsValidName(string name) => NameRegex().IsMatch(name);

    /// <summary><c>homelab-&lt;kind&gt;-&lt;name&gt;</c> (without suffix); throws for names that fail <see cref="IsValidName"/>.</summary>
    public static string For(string kind, string name) =>
        IsValidName(kind) && IsValidName(name)
            ? $"homelab-{kind}-{name}"
            : throw new ArgumentException($"\"{kind}\"/\"{name}\" do not match {NamePattern}; validate names at plan time.", nameof(name));

    /// <summary>
    /// Null when <paramref name="fileName"/> is an acceptable file under <c>units/</c>
    /// (<c>x.service</c>, <c>x.timer</c>, <c>x.service.d/y.conf</c>), else why not.
    /// </summary>
    public static string? CheckFileName(string fileName)
    {
        if (!FileRegex().IsMatch(fileName))
        {
            return $"\"{fileName}\" is not a unit file name of the form <unit>.<service|timer|...> or <unit>.d/<name>.conf built from ASCII letters, digits and _ - . @ : characters.";
        }
        return null;
    }

    [GeneratedRegex(@"\A[a-z0-9][a-z0-9_-]{0,62}\z", RegexOptions.CultureInvariant)]
    private static partial Regex NameRegex();

    // A unit name (optionally a template instance) with a type suffix, or a drop-in under <unit>.d/.
    [GeneratedRegex(@"\A[A-Za-z0-9_:@-][A-Za-z0-9_.:@-]{0,200}\.(service|timer|path|socket|target|mount)(\.d/[A-Za-z0-9_][A-Za-z0-9_.:@-]{0,200}\.conf)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex FileRegex();
}
