using System.Text;
using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Schema;

namespace Homelab.Provider.Units;

/// <summary>
/// The one encoder for free-text settings of unit files that systemd reads verbatim after
/// specifier expansion (<c>Description=</c>, <c>EnvironmentFile=</c>, <c>Documentation=</c>, …;
/// systemd.unit(5), "Specifiers" and systemd.syntax(7)). Such a value is one line: systemd's
/// parser joins a line that ends in <c>\</c> with the next one (so a trailing backslash would
/// swallow the next setting, e.g. <c>OnFailure=</c>), strips leading/trailing whitespace, and has
/// no escape for line breaks. The only escaping is <c>%</c> → <c>%%</c>. A value that cannot be
/// written so that systemd reads it back exactly is refused at plan (<see cref="Validator"/>), and
/// <see cref="Encode"/> refuses it again as a programmer error. ExecStart= words use
/// <see cref="SystemdQuote"/> instead.
/// </summary>
internal static class UnitValue
{
    /// <summary>Null when <paramref name="value"/> can be written losslessly, else why not (a sentence).</summary>
    public static string? Problem(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (Validators.SingleLineProblem(value) is { } line)
        {
            return $"It {line} Unit files hold one line per setting.";
        }
        if (value.EndsWith('\\'))
        {
            return "It ends with a backslash, which systemd reads as a line continuation (it would swallow the next setting of the unit).";
        }
        if (value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])))
        {
            return "It starts or ends with whitespace, which systemd strips.";
        }
        return null;
    }

    /// <summary>Plan-time check for attributes that end up as (part of) a unit setting.</summary>
    public static readonly IValueValidator Validator = Validators.Custom(
        "One line of visible text, no leading/trailing whitespace and no trailing backslash (it is written into a systemd unit file).",
        (v, p, d) =>
        {
            if (Problem(v.AsString()) is { } problem)
            {
                d.AddError("Cannot be written into a unit file", $"\"{Validators.Printable(v.AsString())}\": {problem}", p);
            }
        });

    /// <summary>The text to put after <c>Key=</c>. Throws for a value <see cref="Problem"/> refuses.</summary>
    public static string Encode(string value) =>
        Problem(value) is { } problem
            ? throw new ArgumentException($"Unit value refused (validate at plan): {problem}", nameof(value))
            : value.Replace("%", "%%", StringComparison.Ordinal);

    /// <summary>The value an encoded setting stands for (the inverse of <see cref="Encode"/>).</summary>
    public static string Decode(string encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        var sb = new StringBuilder(encoded.Length);
        for (var i = 0; i < encoded.Length; i++)
        {
            sb.Append(encoded[i]);
            if (encoded[i] == '%' && i + 1 < encoded.Length && encoded[i + 1] == '%')
            {
                i++;
            }
        }
        return sb.ToString();
    }

    /// <summary>A whole <c>Key=value</c> line with its newline.</summary>
    public static string Line(string key, string value) => key + "=" + Encode(value) + "\n";
}
