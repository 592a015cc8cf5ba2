using System.Text;
using Homelab.Provider.Framework.Schema;

namespace Homelab.Provider.Ntfy;

/// <summary>
/// The one encoder for curl config text (curl(1), "-K, --config"), as <see cref="NtfyPublisher"/>
/// feeds it to <c>curl --config -</c>: one <c>name = "value"</c> line per option. Inside double
/// quotes curl's parser turns <c>\\</c>, <c>\"</c>, <c>\t</c>, <c>\n</c>, <c>\r</c>, <c>\v</c> into
/// the character and keeps every other byte, so any text without NUL (curl reads C strings) is
/// carried losslessly. Header values have a stricter rule (<see cref="HeaderProblem"/>): HTTP has
/// no way to carry a line break in a header (curl would send it raw, starting a new header) and
/// receivers trim surrounding whitespace.
/// </summary>
internal sealed class CurlConfig
{
    private readonly StringBuilder _text = new();

    /// <summary>Null when <paramref name="value"/> is a header value that arrives exactly as written, else why not (a sentence).</summary>
    public static string? HeaderProblem(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (Validators.SingleLineProblem(value) is { } line)
        {
            return $"It {line} HTTP headers are one line of visible text.";
        }
        if (value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])))
        {
            return "It starts or ends with whitespace, which HTTP receivers strip from header values.";
        }
        return null;
    }

    /// <summary>Adds <c>name = "value"</c>. Throws for a NUL (a programmer error: nothing validated may hold one).</summary>
    public CurlConfig Option(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"curl config value for {name} holds a NUL, which curl cannot read.", nameof(value));
        }
        _text.Append(name).Append(" = \"");
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': _text.Append(@"\\"); break;
                case '"': _text.Append("\\\""); break;
                case '\n': _text.Append(@"\n"); break;
                case '\r': _text.Append(@"\r"); break;
                case '\t': _text.Append(@"\t"); break;
                case '\v': _text.Append(@"\v"); break;
                default: _text.Append(c); break;
            }
        }
        _text.Append("\"\n");
        return this;
    }

    /// <summary>Adds a request header. Throws for a value <see cref="HeaderProblem"/> refuses (validate at plan).</summary>
    public CurlConfig Header(string name, string value) =>
        HeaderProblem(value) is { } problem
            ? throw new ArgumentException($"Header {name} refused (validate at plan): {problem}", nameof(value))
            : Option("header", name + ": " + value);

    /// <summary>The request body, sent as is: <c>data-raw</c>, so a leading <c>@</c> never names a file to read.</summary>
    public CurlConfig Body(string text) => Option("data-raw", text);

    public override string ToString() => _text.ToString();
}
