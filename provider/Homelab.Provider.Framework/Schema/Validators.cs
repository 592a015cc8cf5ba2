using System.Text.RegularExpressions;
using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Framework.Schema;

/// <summary>Common attribute validators. Each explains itself in Markdown for the docs.</summary>
public static class Validators
{
    /// <summary>The string must be one of <paramref name="allowed"/>.</summary>
    public static IValueValidator OneOf(params string[] allowed) => new Delegated(
        $"Must be one of {string.Join(", ", allowed.Select(a => $"`{a}`"))}.",
        (v, p, d) =>
        {
            var s = v.AsString();
            if (!allowed.Contains(s, StringComparer.Ordinal))
            {
                d.AddError("Invalid value", $"\"{Printable(s)}\" is not allowed here. Use one of: {string.Join(", ", allowed)}.", p);
            }
        });

    /// <summary>
    /// The whole string must match <paramref name="pattern"/>: a match that leaves anything out
    /// (e.g. the final newline <c>$</c> lets through) does not count, whatever the anchors.
    /// </summary>
    public static IValueValidator Matches(Regex pattern, string explanation) => new Delegated(
        explanation,
        (v, p, d) =>
        {
            var s = v.AsString();
            if (!IsFullMatch(pattern, s))
            {
                d.AddError("Invalid value", $"\"{Printable(s)}\" is not valid: {explanation}", p);
            }
        });

    /// <summary>The string must be <paramref name="min"/> to <paramref name="max"/> characters long, both inclusive. Length counts UTF-16 code units, so a character outside the BMP (e.g. an emoji) counts twice.</summary>
    /// <param name="min">The shortest allowed length.</param>
    /// <param name="max">The longest allowed length.</param>
    /// <returns>A validator for string attributes that reports "Invalid length" on the attribute.</returns>
    public static IValueValidator LengthBetween(int min, int max) => new Delegated(
        $"Between {min} and {max} characters long.",
        (v, p, d) =>
        {
            var s = v.AsString();
            if (s.Length < min || s.Length > max)
            {
                d.AddError("Invalid length", $"The value is {s.Length} characters long; it must be between {min} and {max}.", p);
            }
        });

    /// <summary>The number must be a whole number from <paramref name="min"/> to <paramref name="max"/>, both inclusive; a fraction is rejected too.</summary>
    /// <param name="min">The smallest allowed value.</param>
    /// <param name="max">The largest allowed value.</param>
    /// <returns>A validator for number attributes that reports "Invalid number" on the attribute.</returns>
    public static IValueValidator IntBetween(long min, long max) => new Delegated(
        $"An integer from {min} to {max}.",
        (v, p, d) =>
        {
            var n = v.AsNumber();
            if (!n.TryGetInt64(out var i) || i < min || i > max)
            {
                d.AddError("Invalid number", $"{n} is not an integer from {min} to {max}.", p);
            }
        });

    /// <summary>True when <paramref name="pattern"/> matches all of <paramref name="s"/>, not just a part.</summary>
    public static bool IsFullMatch(Regex pattern, string s)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(s);
        var m = pattern.Match(s);
        return m.Success && m.Index == 0 && m.Length == s.Length;
    }

    /// <summary>
    /// One line of text: no control character (NUL, CR, LF, tab, …), no Unicode line or paragraph
    /// separator (U+0085, U+2028, U+2029), no format character (bidi overrides, BOM, zero-width),
    /// no lone surrogate. Every field that ends up on one line of a file uses it.
    /// </summary>
    public static readonly IValueValidator SingleLine = new Delegated(
        "One line of text: no control characters, line separators or invisible format characters.",
        (v, p, d) =>
        {
            if (SingleLineProblem(v.AsString()) is { } problem)
            {
                d.AddError("Invalid text", $"\"{Printable(v.AsString())}\" {problem} Write it on one line of visible text.", p);
            }
        });

    /// <summary>Null when <paramref name="s"/> is one line of visible text, else what is wrong (a sentence fragment).</summary>
    public static string? SingleLineProblem(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
                continue;
            }
            if (IsInvisible(c))
            {
                return $"contains U+{(int)c:X4} at position {i + 1}.";
            }
        }
        return null;
    }

    /// <summary>A validator from a delegate; <paramref name="description"/> goes into the docs.</summary>
    public static IValueValidator Custom(string? description, Action<TfValue, AttrPath, DiagnosticBag> validate) =>
        new Delegated(description, validate);

    /// <summary>Shows control characters escaped, so a hostile value cannot garble the diagnostic.</summary>
    public static string Printable(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var text = s.Length > 200 ? s[..200] + "…" : s;
        var sb = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
            }
            else if (IsInvisible(c))
            {
                sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    /// <summary>Control, line/paragraph separator, format (bidi, BOM, zero-width) or lone surrogate.</summary>
    private static bool IsInvisible(char c) =>
        char.IsControl(c) || char.IsSurrogate(c)
        || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.LineSeparator
            or System.Globalization.UnicodeCategory.ParagraphSeparator
            or System.Globalization.UnicodeCategory.Format;

    private sealed class Delegated(string? description, Action<TfValue, AttrPath, DiagnosticBag> validate) : IValueValidator
    {
        public string? Description => description;

        public void Validate(TfValue value, AttrPath path, DiagnosticBag diagnostics) => validate(value, path, diagnostics);
    }
}
