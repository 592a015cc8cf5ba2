using System.Security.Cryptography;
using System.Text;

namespace Homelab.Provider.Host;

/// <summary>
/// Reads an OpenSSH <c>known_hosts</c> file (sshd(8), "SSH_KNOWN_HOSTS FILE FORMAT"): plain and
/// hashed (<c>|1|salt|hmac-sha1</c>) host patterns, comma-separated patterns, <c>[host]:port</c> for
/// non-standard ports, <c>*</c>/<c>?</c> wildcards and <c>!</c> negation. An <c>@revoked</c> key is
/// refused wherever its line stands, before or after a line that trusts it; <c>@cert-authority</c> lines are ignored (certificates are not supported).
/// </summary>
internal static class KnownHosts
{
    public enum Verdict
    {
        /// <summary>A line for this host lists exactly this key.</summary>
        Trusted,

        /// <summary>Lines for this host exist but none lists this key: possible man-in-the-middle.</summary>
        Mismatch,

        /// <summary>No line for this host.</summary>
        Unknown,

        /// <summary>The key is marked <c>@revoked</c>.</summary>
        Revoked,
    }

    /// <summary>Checks <paramref name="keyBlob"/> (SSH wire encoding) for <paramref name="host"/>:<paramref name="port"/>.</summary>
    public static Verdict Check(IEnumerable<string> lines, string host, int port, byte[] keyBlob)
    {
        var name = port == 22 ? host : $"[{host}]:{port}";
        var sawHost = false;
        var trusted = false;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            var marker = "";
            if (fields[0].StartsWith('@'))
            {
                marker = fields[0];
                fields = fields[1..];
            }
            if (fields.Length < 3 || marker == "@cert-authority" || !MatchesHost(fields[0], name))
            {
                continue;
            }
            byte[] blob;
            try
            {
                blob = Convert.FromBase64String(fields[2]);
            }
            catch (FormatException)
            {
                continue;
            }
            var same = blob.AsSpan().SequenceEqual(keyBlob);
            if (marker == "@revoked")
            {
                if (same)
                {
                    // Whatever else the file says: a revoked key is never trusted (sshd(8)).
                    return Verdict.Revoked;
                }
                continue;
            }
            sawHost = true;
            // Not returned yet: an @revoked line further down still wins.
            trusted |= same;
        }
        return trusted ? Verdict.Trusted : sawHost ? Verdict.Mismatch : Verdict.Unknown;
    }

    /// <summary>True when the comma-separated pattern list (or a hashed entry) matches <paramref name="name"/>.</summary>
    public static bool MatchesHost(string patterns, string name)
    {
        if (patterns.StartsWith("|1|", StringComparison.Ordinal))
        {
            return MatchesHashed(patterns, name);
        }
        var matched = false;
        foreach (var p in patterns.Split(','))
        {
            var negated = p.StartsWith('!');
            var pattern = negated ? p[1..] : p;
            if (Wildcard(pattern.ToLowerInvariant(), name.ToLowerInvariant()))
            {
                if (negated)
                {
                    return false;
                }
                matched = true;
            }
        }
        return matched;
    }

    private static bool MatchesHashed(string entry, string name)
    {
        var parts = entry.Split('|');
        if (parts.Length != 4)
        {
            return false;
        }
        try
        {
            var salt = Convert.FromBase64String(parts[2]);
            var expected = Convert.FromBase64String(parts[3]);
            // OpenSSH's HashKnownHosts format is defined as HMAC-SHA1 (hostfile.c); we only verify it.
#pragma warning disable CA5350
            var actual = HMACSHA1.HashData(salt, Encoding.UTF8.GetBytes(name));
#pragma warning restore CA5350
            return CryptographicOperations.FixedTimeEquals(actual, expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static bool Wildcard(string pattern, string text)
    {
        // Iterative glob match for '*' and '?' (no character classes in known_hosts).
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }
        return p == pattern.Length;
    }
}
