using System.Globalization;
using System.Text;

namespace Homelab.Provider.Units;

/// <summary>
/// Reads ExecStart= lines back into argv arrays — the inverse of <see cref="SystemdQuote"/>, and
/// close enough to systemd's own splitting (extract_first_word with unquote + C unescape) for the
/// lines the provider writes: prefixes (<c>-@:+!</c>) dropped, <c>"…"</c> and <c>'…'</c> quotes,
/// C escapes, <c>%%</c> → <c>%</c>, <c>$$</c> → <c>$</c>, <c>\</c>-newline continuations.
/// A lone <c>;</c> word starts another command on the same line.
/// </summary>
internal static class ExecStartParser
{
    public static IReadOnlyList<IReadOnlyList<string>> Parse(string serviceContent)
    {
        ArgumentNullException.ThrowIfNull(serviceContent);
        var commands = new List<IReadOnlyList<string>>();
        foreach (var line in LogicalLines(serviceContent))
        {
            var trimmed = line.TrimStart();
            if (!trimmed.StartsWith("ExecStart", StringComparison.Ordinal))
            {
                continue;
            }
            var eq = trimmed.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0 || trimmed[..eq].Trim() != "ExecStart")
            {
                continue;
            }
            var value = trimmed[(eq + 1)..].Trim();
            if (value.Length == 0)
            {
                commands.Clear(); // "ExecStart=" resets the list (systemd.service(5))
                continue;
            }
            var current = new List<string>();
            foreach (var (word, quoted) in Words(value))
            {
                if (!quoted && word == ";")
                {
                    if (current.Count > 0)
                    {
                        commands.Add(current);
                    }
                    current = [];
                    continue;
                }
                current.Add(current.Count == 0 && !quoted ? word.TrimStart('-', '@', ':', '+', '!') : word);
            }
            if (current.Count > 0)
            {
                commands.Add(current);
            }
        }
        return commands;
    }

    private static IEnumerable<string> LogicalLines(string content)
    {
        var sb = new StringBuilder();
        foreach (var raw in content.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (raw.EndsWith('\\'))
            {
                sb.Append(raw, 0, raw.Length - 1).Append(' ');
                continue;
            }
            sb.Append(raw);
            yield return sb.ToString();
            sb.Clear();
        }
        if (sb.Length > 0)
        {
            yield return sb.ToString();
        }
    }

    private static IEnumerable<(string Word, bool Quoted)> Words(string value)
    {
        var i = 0;
        while (true)
        {
            while (i < value.Length && char.IsWhiteSpace(value[i]))
            {
                i++;
            }
            if (i >= value.Length)
            {
                yield break;
            }
            var sb = new StringBuilder();
            var quotedAny = false;
            while (i < value.Length && !char.IsWhiteSpace(value[i]))
            {
                var c = value[i];
                if (c is '"' or '\'')
                {
                    quotedAny = true;
                    var quote = c;
                    i++;
                    while (i < value.Length && value[i] != quote)
                    {
                        i = AppendOne(value, i, sb);
                    }
                    i++; // closing quote (an unterminated one simply ends the word)
                }
                else
                {
                    i = AppendOne(value, i, sb);
                }
            }
            yield return (sb.ToString(), quotedAny);
        }
    }

    /// <summary>Appends the character (or escape/specifier) at <paramref name="i"/>; returns the next index.</summary>
    private static int AppendOne(string s, int i, StringBuilder sb)
    {
        var c = s[i];
        if (c is '%' or '$' && i + 1 < s.Length && s[i + 1] == c)
        {
            sb.Append(c);
            return i + 2;
        }
        if (c != '\\' || i + 1 >= s.Length)
        {
            sb.Append(c);
            return i + 1;
        }
        var e = s[i + 1];
        switch (e)
        {
            case 'n': sb.Append('\n'); return i + 2;
            case 't': sb.Append('\t'); return i + 2;
            case 'r': sb.Append('\r'); return i + 2;
            case 'a': sb.Append('\a'); return i + 2;
            case 'b': sb.Append('\b'); return i + 2;
            case 'f': sb.Append('\f'); return i + 2;
            case 'v': sb.Append('\v'); return i + 2;
            case 's': sb.Append(' '); return i + 2;
            case 'x' when i + 3 < s.Length && int.TryParse(s.AsSpan(i + 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex):
                sb.Append((char)hex);
                return i + 4;
            default:
                sb.Append(e); // \\ \" \' and anything else: the character itself
                return i + 2;
        }
    }
}
