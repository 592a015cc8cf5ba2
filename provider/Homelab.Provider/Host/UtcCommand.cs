namespace Homelab.Provider.Host;

/// <summary>
/// A tool run with <c>TZ=UTC0</c> and the C locale, for tools that print times in the process's
/// local zone, often without naming it (<c>zpool status</c> scan lines, <c>systemctl show</c>
/// timestamps), and words a parser reads (weekdays, messages). <c>UTC0</c> is a POSIX zone
/// string, so it needs no tzdata on the host; its abbreviation prints as <c>UTC</c>. A fixed
/// script: the tool path and its arguments are positional parameters, never script text.
/// </summary>
internal static class UtcCommand
{
    public const string Script = """
        TZ=UTC0 LC_ALL=C LANG=C
        export TZ LC_ALL LANG
        exec "$@"
        """;

    /// <summary>The command that runs <paramref name="tool"/> with <paramref name="arguments"/> in UTC and the C locale.</summary>
    public static HostCommand For(string tool, IReadOnlyList<string> arguments) =>
        new(["/bin/sh", "-c", Script, "sh", tool, .. arguments]);
}
