using System.Text;
using System.Text.RegularExpressions;

namespace Homelab.Provider.Docs;

/// <summary>Small Markdown helpers: normalising text blocks, paragraphs, and plain-text rendering.</summary>
internal static partial class Markdown
{
    /// <summary>\n line ends, no trailing spaces, no leading or trailing blank lines.</summary>
    public static string NormalizeBlock(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n')
            .Select(l => l.TrimEnd())
            .SkipWhile(l => l.Length == 0)
            .Reverse().SkipWhile(l => l.Length == 0).Reverse();
        return string.Join('\n', lines);
    }

    /// <summary>Paragraphs separated by blank lines, each normalised.</summary>
    public static IReadOnlyList<string> Paragraphs(string text) =>
        [.. BlankLine().Split(NormalizeBlock(text)).Select(NormalizeBlock).Where(p => p.Length > 0)];

    /// <summary>
    /// What an editor shows when it drops the markup: code spans keep their text without backticks,
    /// links keep their text, emphasis markers go. Underscores stay (they are in attribute names).
    /// </summary>
    public static string ToPlainText(string markdown)
    {
        var sb = new StringBuilder();
        var parts = markdown.Split('`');
        for (var i = 0; i < parts.Length; i++)
        {
            // Odd parts are inside code spans: verbatim.
            sb.Append(i % 2 == 1 ? parts[i] : StripInline(parts[i]));
        }
        return WhiteSpaceRun().Replace(sb.ToString(), " ").Trim();
    }

    /// <summary>Appends <paramref name="sentence"/>, adding a full stop to <paramref name="text"/> when it has none.</summary>
    public static string AppendSentence(string text, string sentence)
    {
        if (text.Length == 0)
        {
            return sentence;
        }
        // After a code block or a list, a sentence on the same line would join the last item.
        var lastLine = text[(text.LastIndexOf('\n') + 1)..].TrimStart();
        if (lastLine.StartsWith("```", StringComparison.Ordinal) || ListItem().IsMatch(lastLine))
        {
            return text + "\n\n" + sentence;
        }
        return EndSentence(text) + " " + sentence;
    }

    /// <summary>Adds a full stop unless the text already ends a sentence (or a list item or code block).</summary>
    public static string EndSentence(string text) =>
        text.Length == 0 || text[^1] is '.' or '!' or '?' or ':' or '\n' ? text : text + ".";

    /// <summary>Indents every line after the first by two spaces (continuation of a list item).</summary>
    public static string IndentContinuation(string text) =>
        string.Join("\n  ", text.Split('\n')).Replace("\n  \n", "\n\n", StringComparison.Ordinal);

    /// <summary>A YAML block scalar (<c>|-</c>) body: each line indented by two spaces.</summary>
    public static string YamlBlock(string text) =>
        string.Join('\n', NormalizeBlock(text).Split('\n').Select(l => l.Length == 0 ? "" : "  " + l));

    /// <summary>An HCL quoted string literal (escapes quotes, backslashes and template sequences).</summary>
    public static string HclString(string s)
    {
        var sb = new StringBuilder("\"");
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '$' or '%' when i + 1 < s.Length && s[i + 1] == '{': sb.Append(c).Append(c); break;
                default: sb.Append(c); break;
            }
        }
        return sb.Append('"').ToString();
    }

    private static string StripInline(string text)
    {
        text = Link().Replace(text, "$1");
        text = Strong().Replace(text, "$1");
        text = Emphasis().Replace(text, "$1");
        return HeadingOrQuote().Replace(text, "");
    }

    [GeneratedRegex(@"\n[ \t]*\n")]
    private static partial Regex BlankLine();

    [GeneratedRegex(@"^([-*+]|\d+\.)\s")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpaceRun();

    [GeneratedRegex(@"!?\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"\*\*(\S(?:.*?\S)?)\*\*")]
    private static partial Regex Strong();

    [GeneratedRegex(@"(?<![\w*])\*(\S(?:.*?\S)?)\*(?![\w*])")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"(?m)^[ \t]*(#{1,6}[ \t]+|>[ \t]?)")]
    private static partial Regex HeadingOrQuote();
}
