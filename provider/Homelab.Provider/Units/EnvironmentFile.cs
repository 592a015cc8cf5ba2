using System.Text;
using System.Text.RegularExpressions;
using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Schema;

namespace Homelab.Provider.Units;

/// <summary>
/// The one encoder (and reader) for files systemd loads with <c>EnvironmentFile=</c>
/// (systemd.exec(5); the grammar is written down in docs/design/restic-jobs.md). Every value is
/// written as <c>KEY="…"</c>: inside double quotes systemd's env-file parser keeps every character
/// (line breaks, CR, tabs, <c>#</c>, <c>'</c>, leading/trailing blanks) and unescapes exactly
/// <c>\"</c>, <c>\\</c>, <c>\`</c> and <c>\$</c>; a backslash before any other character stays, and
/// a backslash before a line break is a continuation — so escaping those four characters, and
/// nothing else, is lossless. systemd cannot carry NUL (it ends the file) or invalid UTF-8 (the
/// variable is dropped), so values holding NUL or a lone surrogate are refused at plan
/// (<see cref="Validator"/>). The provider reads such files with <see cref="Parse"/> instead of
/// letting a shell evaluate them.
/// </summary>
internal static partial class EnvironmentFile
{
    private const string Header = "# Written by terraform-provider-homelab. Do not edit.\n";

    /// <summary>Null when <paramref name="key"/> is a variable name systemd and shells accept, else why not.</summary>
    public static string? KeyProblem(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return KeyRegex().IsMatch(key) ? null : "It is not an environment variable name: use ASCII letters, digits and `_`, not starting with a digit.";
    }

    /// <summary>Null when <paramref name="value"/> can be written losslessly, else why not (a sentence).</summary>
    public static string? ValueProblem(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\0')
            {
                return "It contains a NUL character, which no environment variable can hold.";
            }
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return "It contains a lone UTF-16 surrogate, which is not valid UTF-8 (systemd drops such variables).";
            }
        }
        return null;
    }

    /// <summary>
    /// Plan-time check of a map attribute that becomes an environment file. Keys are shown in
    /// diagnostics, values never (they are usually secrets).
    /// </summary>
    public static readonly IValueValidator Validator = Validators.Custom(
        "Keys are environment variable names (`[A-Za-z_][A-Za-z0-9_]*`); values are any text without NUL.",
        (v, p, d) =>
        {
            foreach (var (key, value) in v.Entries)
            {
                if (KeyProblem(key) is { } keyProblem)
                {
                    d.AddError("Invalid environment variable name", $"\"{Validators.Printable(key)}\": {keyProblem}", p.Key(key));
                }
                if (value.IsKnown && ValueProblem(value.AsString()) is { } valueProblem)
                {
                    d.AddError("Invalid environment value", $"The value of {Validators.Printable(key)}: {valueProblem} Remove that character.", p.Key(key));
                }
            }
        });

    /// <summary>The file content: a header comment, then one <c>KEY="value"</c> per variable, sorted by key.</summary>
    public static string Render(IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var sb = new StringBuilder(Header);
        foreach (var (key, value) in variables.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (KeyProblem(key) is { } keyProblem)
            {
                throw new ArgumentException($"Environment key refused (validate at plan): {keyProblem}", nameof(variables));
            }
            if (ValueProblem(value) is { } valueProblem)
            {
                throw new ArgumentException($"Environment value refused (validate at plan): {valueProblem}", nameof(variables));
            }
            sb.Append(key).Append("=\"");
            foreach (var c in value)
            {
                if (c is '"' or '\\' or '`' or '$')
                {
                    sb.Append('\\');
                }
                sb.Append(c);
            }
            sb.Append("\"\n");
        }
        return sb.ToString();
    }

    /// <summary>
    /// Reads an environment file the way systemd does (later assignments win; lines without
    /// <c>=</c> and invalid names are skipped, as systemd skips them), without evaluating anything.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Parse(string text) => new EnvironmentFileParser(text).Run();

    [GeneratedRegex("\\A[A-Za-z_][A-Za-z0-9_]*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex KeyRegex();
}
