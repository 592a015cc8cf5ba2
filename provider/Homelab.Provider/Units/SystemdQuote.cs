using System.Text;

namespace Homelab.Provider.Units;

/// <summary>
/// Quoting of ExecStart= words (systemd.service(5), "Command lines"): a word that is not plainly
/// safe is written in double quotes with C escapes (<c>\\</c>, <c>\"</c>, control characters as
/// <c>\n</c>/<c>\xNN</c>); <c>%</c> is doubled (specifier expansion) and <c>$</c> is doubled
/// (environment variable substitution) whether quoted or not. A lone <c>;</c> would separate
/// commands, so anything outside the safe set is quoted. No shell is involved.
/// </summary>
internal static class SystemdQuote
{
    /// <summary>One argv word as it must appear on an ExecStart= line.</summary>
    public static string Arg(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (s.Length > 0 && s.All(IsSafe))
        {
            return s.Replace("%", "%%", StringComparison.Ordinal);
        }
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '\\': sb.Append(@"\\"); break;
                case '"': sb.Append("\\\""); break;
                case '%': sb.Append("%%"); break;
                case '$': sb.Append("$$"); break;
                case '\n': sb.Append(@"\n"); break;
                case '\t': sb.Append(@"\t"); break;
                case '\r': sb.Append(@"\r"); break;
                case '\0': throw new ArgumentException("A NUL character cannot be passed to a program.", nameof(s));
                default:
                    if (char.IsControl(c))
                    {
                        sb.Append(@"\x").Append(((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    /// <summary>A whole command line: the words of <paramref name="argv"/> quoted and joined by spaces.</summary>
    public static string Line(IEnumerable<string> argv) => string.Join(' ', argv.Select(Arg));

    // '%' is safe in a bare word once doubled; '$' is not (a bare "$$x" reads oddly), so it forces quotes.
    private static bool IsSafe(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or ':' or '@' or '=' or ',' or '+' or '%';
}
