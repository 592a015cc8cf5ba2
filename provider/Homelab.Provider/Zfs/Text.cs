namespace Homelab.Provider.Zfs;

/// <summary>Checks shared by names, property keys and values.</summary>
internal static class Text
{
    /// <summary>
    /// Describes the first character that can never be accepted (invalid UTF-8, which arrives as
    /// U+FFFD or a lone surrogate; control characters such as newline and tab, which would break
    /// the tab-separated <c>zfs get -H</c> output), or null.
    /// </summary>
    public static string? InvalidUtf8OrControl(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '\uFFFD')
            {
                return "invalid UTF-8 (a replacement character U+FFFD)";
            }
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c))
            {
                return "invalid UTF-8 (a lone surrogate)";
            }
            if (char.IsControl(c))
            {
                return c switch
                {
                    '\n' => "a newline",
                    '\r' => "a carriage return",
                    '\t' => "a tab",
                    '\0' => "a NUL character",
                    _ => $"the control character U+{(int)c:X4}",
                };
            }
        }
        return null;
    }
}
