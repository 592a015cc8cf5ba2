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

    /// <summary>The string must match <paramref name="pattern"/> (anchored by the caller).</summary>
    public static IValueValidator Matches(Regex pattern, string explanation) => new Delegated(
        explanation,
        (v, p, d) =>
        {
            var s = v.AsString();
            if (!pattern.IsMatch(s))
            {
                d.AddError("Invalid value", $"\"{Printable(s)}\" is not valid: {explanation}", p);
            }
        });

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

    /// <summary>A validator from a delegate; <paramref name="description"/> goes into the docs.</summary>
    public static IValueValidator Custom(string? description, Action<TfValue, AttrPath, DiagnosticBag> validate) =>
        new Delegated(description, validate);

    /// <summary>Shows control characters escaped, so a hostile value cannot garble the diagnostic.</summary>
    public static string Printable(string s)
    {
        var sb = new System.Text.StringBuilder(s.Length);
        foreach (var c in s.Length > 200 ? s[..200] + "…" : s)
        {
            if (char.IsControl(c))
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

    private sealed class Delegated(string? description, Action<TfValue, AttrPath, DiagnosticBag> validate) : IValueValidator
    {
        public string? Description => description;

        public void Validate(TfValue value, AttrPath path, DiagnosticBag diagnostics) => validate(value, path, diagnostics);
    }
}
