using Homelab.Provider.Framework.Schema;

namespace Homelab.Provider.Ntfy;

/// <summary>
/// The one encoder for values of the ntfy env file (<c>KEY="value"</c> lines) as nixgen's
/// <c>failure-notify.sh</c> reads them in <c>read_env</c>: <c>read -r</c> line by line (so a value
/// can hold no line feed, and bash strings hold no NUL), one trailing CR stripped, one pair of
/// matching quotes removed, nothing expanded (<c>$</c>, backticks, <c>%</c> and backslashes are
/// literal). So the encoding is "wrap in double quotes", and what it cannot carry is refused at
/// plan: every control character, line separator or invisible format character
/// (<see cref="Validators.SingleLineProblem"/>), which also keeps every value one visible line in
/// the alert headers the script builds from it.
/// </summary>
internal static class NtfyEnvValue
{
    /// <summary>Null when <paramref name="value"/> can be written and read back equal, else why not (a sentence).</summary>
    public static string? Problem(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Validators.SingleLineProblem(value) is { } line
            ? $"It {line} The ntfy env file holds one line per setting and failure-notify.sh reads it line by line."
            : null;
    }

    /// <summary>The line <c>KEY="value"</c> with its newline. Throws for a value <see cref="Problem"/> refuses (validate at plan).</summary>
    public static string Line(string key, string value) =>
        Problem(value) is { } problem
            ? throw new ArgumentException($"ntfy env value for {key} refused (validate at plan): {problem}", nameof(value))
            : key + "=\"" + value + "\"\n";

    /// <summary>
    /// Reads one line as <c>read_env</c> does: null for blank lines, comments and lines without
    /// <c>=</c>; else the key and the value with one pair of matching quotes removed.
    /// </summary>
    public static (string Key, string Value)? Decode(string rawLine)
    {
        ArgumentNullException.ThrowIfNull(rawLine);
        var line = rawLine.EndsWith('\r') ? rawLine[..^1] : rawLine;
        // [[:space:]] of the script's locale: ASCII blanks only matter here, keys are ASCII.
        line = line.TrimStart(' ', '\t', '\v', '\f', '\r');
        if (line.Length == 0 || line[0] == '#')
        {
            return null;
        }
        if (line.StartsWith("export ", StringComparison.Ordinal))
        {
            line = line["export ".Length..];
        }
        var eq = line.IndexOf('=', StringComparison.Ordinal);
        if (eq < 0)
        {
            return null;
        }
        var value = line[(eq + 1)..];
        if (value.Length >= 2 && ((value[0] == '"' && value[^1] == '"') || (value[0] == '\'' && value[^1] == '\'')))
        {
            value = value[1..^1];
        }
        return (line[..eq], value);
    }
}
