using System.Text;

namespace Homelab.Provider.Units;

/// <summary>
/// systemd's env-file grammar as a state machine over characters (docs/design/restic-jobs.md,
/// "Environment files"): <c>#</c>/<c>;</c> start a comment line; blanks before a key, around
/// <c>=</c> and after an unquoted value are dropped; LF and CR end a line; unquoted <c>\x</c> is
/// <c>x</c> and <c>\</c>+line break continues the line; <c>'…'</c> keeps everything; in
/// <c>"…"</c> only <c>\" \\ \` \$</c> are unescaped, <c>\</c>+LF continues, and any other
/// <c>\x</c> stays two characters; quoted and unquoted pieces of one value concatenate.
/// A NUL ends the text, as it ends systemd's read of the file.
/// </summary>
internal sealed class EnvironmentFileParser
{
    private const string Blank = " \t\n\r";
    private const string LineBreak = "\n\r";

    private readonly string _text;
    private readonly Dictionary<string, string> _result = new(StringComparer.Ordinal);
    private readonly StringBuilder _key = new();
    private readonly StringBuilder _value = new();
    private int _keyBlankFrom = -1;
    private int _valueBlankFrom = -1;

    public EnvironmentFileParser(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var nul = text.IndexOf('\0', StringComparison.Ordinal);
        _text = nul < 0 ? text : text[..nul];
    }

    private enum State
    {
        PreKey,
        Key,
        PreValue,
        Value,
        ValueEscape,
        Single,
        Double,
        DoubleEscape,
        Comment,
        CommentEscape,
    }

    public IReadOnlyDictionary<string, string> Run()
    {
        var state = State.PreKey;
        foreach (var c in _text)
        {
            var lineBreak = LineBreak.Contains(c, StringComparison.Ordinal);
            var blank = Blank.Contains(c, StringComparison.Ordinal);
            switch (state)
            {
                case State.PreKey:
                    if (c is '#' or ';')
                    {
                        state = State.Comment;
                    }
                    else if (!blank)
                    {
                        state = State.Key;
                        _keyBlankFrom = -1;
                        _key.Append(c);
                    }
                    break;
                case State.Key:
                    if (lineBreak)
                    {
                        state = State.PreKey;
                        _key.Clear();
                    }
                    else if (c == '=')
                    {
                        state = State.PreValue;
                        _valueBlankFrom = -1;
                    }
                    else
                    {
                        if (!blank)
                        {
                            _keyBlankFrom = -1;
                        }
                        else if (_keyBlankFrom < 0)
                        {
                            _keyBlankFrom = _key.Length;
                        }
                        _key.Append(c);
                    }
                    break;
                case State.PreValue:
                    if (lineBreak)
                    {
                        state = State.PreKey;
                        Push(trimValue: false);
                    }
                    else if (c == '\'')
                    {
                        state = State.Single;
                    }
                    else if (c == '"')
                    {
                        state = State.Double;
                    }
                    else if (c == '\\')
                    {
                        state = State.ValueEscape;
                    }
                    else if (!blank)
                    {
                        state = State.Value;
                        _value.Append(c);
                    }
                    break;
                case State.Value:
                    if (lineBreak)
                    {
                        state = State.PreKey;
                        Push(trimValue: true);
                    }
                    else if (c == '\\')
                    {
                        state = State.ValueEscape;
                        _valueBlankFrom = -1;
                    }
                    else
                    {
                        if (!blank)
                        {
                            _valueBlankFrom = -1;
                        }
                        else if (_valueBlankFrom < 0)
                        {
                            _valueBlankFrom = _value.Length;
                        }
                        _value.Append(c);
                    }
                    break;
                case State.ValueEscape:
                    state = State.Value;
                    if (!lineBreak)
                    {
                        _value.Append(c);
                    }
                    break;
                case State.Single:
                    if (c == '\'')
                    {
                        state = State.PreValue;
                    }
                    else
                    {
                        _value.Append(c);
                    }
                    break;
                case State.Double:
                    if (c == '"')
                    {
                        state = State.PreValue;
                    }
                    else if (c == '\\')
                    {
                        state = State.DoubleEscape;
                    }
                    else
                    {
                        _value.Append(c);
                    }
                    break;
                case State.DoubleEscape:
                    state = State.Double;
                    if (c is '"' or '\\' or '`' or '$')
                    {
                        _value.Append(c);
                    }
                    else if (c != '\n')
                    {
                        _value.Append('\\').Append(c);
                    }
                    break;
                case State.Comment:
                    if (c == '\\')
                    {
                        state = State.CommentEscape;
                    }
                    else if (lineBreak)
                    {
                        state = State.PreKey;
                    }
                    break;
                case State.CommentEscape:
                    state = lineBreak ? State.PreKey : State.Comment;
                    break;
            }
        }
        if (state is State.PreValue or State.Value or State.ValueEscape or State.Single or State.Double or State.DoubleEscape)
        {
            Push(trimValue: state == State.Value);
        }
        return _result;
    }

    private void Push(bool trimValue)
    {
        if (_keyBlankFrom >= 0)
        {
            _key.Length = _keyBlankFrom;
        }
        if (trimValue && _valueBlankFrom >= 0)
        {
            _value.Length = _valueBlankFrom;
        }
        var key = _key.ToString();
        if (EnvironmentFile.KeyProblem(key) is null)
        {
            _result[key] = _value.ToString();
        }
        _key.Clear();
        _value.Clear();
        _keyBlankFrom = -1;
        _valueBlankFrom = -1;
    }
}
