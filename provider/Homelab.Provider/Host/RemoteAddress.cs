namespace Homelab.Provider.Host;

/// <summary>Parses a remote address: <c>local</c>, or <c>ssh://[user@]host[:port]</c> (IPv6 in brackets).</summary>
internal static class RemoteAddress
{
    public sealed record Parsed(string? Host, int Port, string? User);

    /// <summary>Null on success with <paramref name="parsed"/> set; else a sentence saying how to fix it.</summary>
    public static string? TryParse(string address, out Parsed parsed)
    {
        parsed = new Parsed(null, 22, null);
        if (address == "local")
        {
            return null;
        }
        const string Scheme = "ssh://";
        if (!address.StartsWith(Scheme, StringComparison.Ordinal))
        {
            return $"\"{address}\" is neither `local` nor an `ssh://user@host:port` address.";
        }
        var rest = address[Scheme.Length..].TrimEnd('/');
        string? user = null;
        var at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            user = rest[..at];
            rest = rest[(at + 1)..];
            if (user.Length == 0 || user.Length > 64 || !user.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
            {
                return $"The user in \"{address}\" is empty or contains a character not allowed in a user name.";
            }
        }
        string host;
        var port = 22;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return $"\"{address}\" has an unterminated IPv6 bracket.";
            }
            host = rest[1..close];
            rest = rest[(close + 1)..];
            if (rest.Length > 0 && !rest.StartsWith(':'))
            {
                return $"Unexpected text after the IPv6 address in \"{address}\".";
            }
            rest = rest.Length > 0 ? rest : "";
            if (rest.Length > 0 && !int.TryParse(rest[1..], System.Globalization.NumberStyles.None, null, out port))
            {
                return $"The port in \"{address}\" is not a number.";
            }
        }
        else
        {
            var colon = rest.LastIndexOf(':');
            host = colon >= 0 ? rest[..colon] : rest;
            if (colon >= 0 && !int.TryParse(rest[(colon + 1)..], System.Globalization.NumberStyles.None, null, out port))
            {
                return $"The port in \"{address}\" is not a number.";
            }
        }
        if (port is < 1 or > 65535)
        {
            return $"The port in \"{address}\" must be between 1 and 65535.";
        }
        if (host.Length == 0 || host.Length > 253 || !host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or ':' or '%'))
        {
            return $"The host in \"{address}\" is empty or contains a character not allowed in a host name.";
        }
        parsed = new Parsed(host, port, user);
        return null;
    }
}
