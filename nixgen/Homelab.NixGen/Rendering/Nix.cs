using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Homelab.NixGen.Rendering;

/// <summary>
/// The one place that turns a value into Nix source. Every interpolated value in every template goes
/// through <see cref="String"/> (directly, or via <see cref="AttrName"/> and <see cref="List"/>), so
/// no input can break out of a string literal.
/// </summary>
internal static partial class Nix
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "assert", "else", "if", "in", "inherit", "let", "or", "rec", "then", "with",
    };

    /// <summary>
    /// A double-quoted Nix string whose value is exactly <paramref name="value"/>. Escapes <c>\</c>,
    /// <c>"</c>, <c>${</c> (antiquotation) and the control characters that Nix knows (<c>\n \r \t</c>);
    /// Nix manual, "String literals".
    /// </summary>
    public static string String(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\\':
                    builder.Append(@"\\");
                    break;
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\n':
                    builder.Append(@"\n");
                    break;
                case '\r':
                    builder.Append(@"\r");
                    break;
                case '\t':
                    builder.Append(@"\t");
                    break;
                case '$' when i + 1 < value.Length && value[i + 1] == '{':
                    builder.Append(@"\$");
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>An attribute name: bare when it is a plain identifier, otherwise a quoted string.</summary>
    public static string AttrName(string name) =>
        Identifier().IsMatch(name) && !Keywords.Contains(name) ? name : String(name);

    /// <summary>A one-line Nix list of strings: <c>[ "a" "b" ]</c>, or <c>[ ]</c>.</summary>
    public static string List(IEnumerable<string> items)
    {
        var parts = items.Select(String).ToList();
        return parts.Count == 0 ? "[ ]" : $"[ {string.Join(' ', parts)} ]";
    }

    /// <summary>Any supported scalar as a Nix literal.</summary>
    public static string Literal(object? value) => value switch
    {
        string s => String(s),
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        NixCode code => code.Text,
        null => "null",
        _ => throw new InvalidOperationException($"nixgen bug: a template printed a {value.GetType().Name}; convert it in the template model."),
    };

    [GeneratedRegex("\\A[A-Za-z_][A-Za-z0-9_'-]*\\z")]
    private static partial Regex Identifier();
}
