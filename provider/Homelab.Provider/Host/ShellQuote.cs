using System.Text;

namespace Homelab.Provider.Host;

/// <summary>
/// The one place where an argv array becomes text for a remote POSIX shell (SSH runs commands
/// through the login shell of the remote user). Every word is wrapped in single quotes, inside
/// which a POSIX shell interprets nothing (XCU 2.2.2); a single quote inside the word is written
/// as <c>'\''</c> (close, escaped quote, reopen). No word is ever left unquoted, so the result
/// cannot contain a live <c>;</c>, <c>$(…)</c>, backtick, glob, redirection or newline.
/// </summary>
internal static class ShellQuote
{
    /// <summary>Quotes one word. NUL cannot be part of an argv word and is a programmer error.</summary>
    public static string Quote(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("An argument contains a NUL character, which no command line can carry.", nameof(word));
        }
        var sb = new StringBuilder(word.Length + 2);
        sb.Append('\'');
        foreach (var c in word)
        {
            if (c == '\'')
            {
                sb.Append("'\\''");
            }
            else
            {
                sb.Append(c);
            }
        }
        sb.Append('\'');
        return sb.ToString();
    }

    /// <summary>Quotes every word and joins them with single spaces.</summary>
    public static string Join(IEnumerable<string> argv)
    {
        ArgumentNullException.ThrowIfNull(argv);
        var words = argv.Select(Quote).ToList();
        if (words.Count == 0)
        {
            throw new ArgumentException("A command needs at least one word.", nameof(argv));
        }
        return string.Join(' ', words);
    }
}
