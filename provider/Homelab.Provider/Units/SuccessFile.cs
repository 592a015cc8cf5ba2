using Homelab.Provider.Kit;

namespace Homelab.Provider.Units;

/// <summary>
/// <c>&lt;state&gt;/status/&lt;unit&gt;.success</c> (docs/design/health.md): one line, the UTC RFC 3339
/// time the unit last finished successfully, written atomically by the foundation's
/// <c>success-notify@.service</c>. The provider only reads it (<c>homelab_unit</c>).
/// </summary>
internal static class SuccessFile
{
    /// <summary>Directory under the state dir that holds the status files.</summary>
    public const string Directory = "status";

    /// <summary>The state-relative path of the file of <paramref name="unit"/> (a full unit name).</summary>
    public static string PathOf(string unit) => $"{Directory}/{unit}.success";

    /// <summary>The time in <paramref name="content"/> (see <see cref="Rfc3339.Parse"/>), or null when it holds anything else.</summary>
    public static DateTimeOffset? Parse(string content) => Rfc3339.Parse(content);
}
