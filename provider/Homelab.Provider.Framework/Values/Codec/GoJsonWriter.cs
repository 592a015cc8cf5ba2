using System.Buffers;
using System.Text;

namespace Homelab.Provider.Framework.Values.Codec;

/// <summary>
/// A minimal JSON text builder whose string escaping matches Go's <c>encoding/json</c> (which cty
/// uses), so that our type JSON and value JSON are byte-identical to what Terraform writes:
/// <c>&lt; &gt; &amp;</c> and U+2028/U+2029 become <c>\u003c</c>-style escapes, control characters use
/// the short escapes Go knows (<c>\b \f \n \r \t</c>) or lowercase <c>\u00XX</c>, everything else is
/// written as raw UTF-8. <see cref="System.Text.Json.Utf8JsonWriter"/>'s encoders escape differently.
/// </summary>
internal sealed class GoJsonWriter
{
    private static readonly byte[] Hex = "0123456789abcdef"u8.ToArray();

    private readonly ArrayBufferWriter<byte> _buffer = new();

    public void Raw(char asciiChar)
    {
        var span = _buffer.GetSpan(1);
        span[0] = (byte)asciiChar;
        _buffer.Advance(1);
    }

    public void Raw(ReadOnlySpan<byte> utf8) => _buffer.Write(utf8);

    /// <summary>Writes ASCII text (numbers, literals) as is.</summary>
    public void Ascii(string text)
    {
        var span = _buffer.GetSpan(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            span[i] = (byte)text[i];
        }
        _buffer.Advance(text.Length);
    }

    public void String(string value)
    {
        Raw('"');
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': Raw("\\\""u8); continue;
                case '\\': Raw("\\\\"u8); continue;
                case '\b': Raw("\\b"u8); continue;
                case '\f': Raw("\\f"u8); continue;
                case '\n': Raw("\\n"u8); continue;
                case '\r': Raw("\\r"u8); continue;
                case '\t': Raw("\\t"u8); continue;
                case '<' or '>' or '&' or '\u2028' or '\u2029' or < ' ':
                    UnicodeEscape(c);
                    continue;
            }
            if (c < 0x80)
            {
                Raw(c);
                continue;
            }
            Rune rune;
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                rune = new Rune(c, value[i + 1]);
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                // Go writes invalid UTF-8 as the escaped replacement character.
                Raw("\\ufffd"u8);
                continue;
            }
            else
            {
                rune = new Rune(c);
            }
            var n = rune.EncodeToUtf8(utf8);
            Raw(utf8[..n]);
        }
        Raw('"');
    }

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    private void UnicodeEscape(char c)
    {
        Raw("\\u"u8);
        Raw((char)Hex[(c >> 12) & 0xF]);
        Raw((char)Hex[(c >> 8) & 0xF]);
        Raw((char)Hex[(c >> 4) & 0xF]);
        Raw((char)Hex[c & 0xF]);
    }
}
