using System.Text.RegularExpressions;

namespace Homelab.Provider.Restic;

/// <summary>
/// Repository locations in messages: <c>rest:https://user:secret@host/</c> carries a credential
/// (restic 0.14 has no other way to authenticate to a rest-server), so every diagnostic shows the
/// location with the password part of any URL user-info replaced by <c>***</c>.
/// </summary>
internal static partial class ResticRepositoryText
{
    /// <summary><paramref name="text"/> with <c>scheme://user:password@</c> turned into <c>scheme://user:***@</c>.</summary>
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return UserInfoRegex().Replace(text, "${scheme}://${user}:***@");
    }

    // The password ends at the last '@' before the host: restic's URLs allow '@' nowhere after it
    // in the authority, and a password may itself hold ':' or '@' (RFC 3986 3.2.1 asks for %40,
    // but people paste raw ones).
    [GeneratedRegex(@"(?<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?<user>[^/:@\s]*):[^/\s]*@", RegexOptions.CultureInvariant)]
    private static partial Regex UserInfoRegex();
}
