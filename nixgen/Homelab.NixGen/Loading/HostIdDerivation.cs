using System.Security.Cryptography;
using System.Text;

namespace Homelab.NixGen.Loading;

/// <summary>
/// Derives <c>networking.hostId</c> from the hostname when the host file gives none: the first four
/// bytes of SHA-256("homelab-nixgen/hostId/" + hostname), as lowercase hex. Stable across runs and
/// machines, so re-rendering never changes it (changing a hostId later breaks pool import).
/// </summary>
internal static class HostIdDerivation
{
    /// <summary>Ids that must never be used: the example from the NixOS manual and the "no hostid" value.</summary>
    public static readonly IReadOnlySet<string> Forbidden = new HashSet<string>(StringComparer.Ordinal) { "8425e349", "00000000" };

    public static string Derive(string hostname)
    {
        for (var round = 0; ; round++)
        {
            var seed = round == 0 ? $"homelab-nixgen/hostId/{hostname}" : $"homelab-nixgen/hostId/{hostname}/{round}";
            var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)).AsSpan(0, 4));
            if (!Forbidden.Contains(id))
            {
                return id;
            }
        }
    }
}
