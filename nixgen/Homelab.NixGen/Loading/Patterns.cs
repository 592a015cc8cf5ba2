using System.Text.RegularExpressions;

namespace Homelab.NixGen.Loading;

/// <summary>Validation patterns for host-file values, each paired with the rule shown to the user.</summary>
internal static partial class Patterns
{
    public const string HostnameRule = "use 1-63 lowercase letters, digits and '-', not starting or ending with '-' (RFC 1123)";
    public const string HostIdRule = "write exactly 8 lowercase hex digits, e.g. 7c1e5a92 (ZFS writes it to /etc/hostid)";
    public const string TimeZoneRule = "use an IANA zone name such as Europe/Berlin or UTC";
    public const string StateVersionRule = "write the NixOS release of the first install as a quoted string, e.g. \"26.05\"";
    public const string BranchRule = "use a nixpkgs branch name such as nixos-26.05 or nixos-unstable";
    public const string SystemRule = "use x86_64-linux or aarch64-linux";
    public const string UserRule = "use a lowercase Unix user name (letters, digits, '_' and '-', at most 32 characters), not root";
    public const string SshKeyRule = "paste one OpenSSH public key on one line: '<type> <base64> [comment]', e.g. ssh-ed25519 AAAA... you@laptop";
    public const string DeviceRule = "use a stable device path such as /dev/disk/by-id/nvme-...";
    public const string PoolRule = "start with a letter and use only letters, digits, '_', '-', '.' and ':'";
    public const string DatasetRule = "use a dataset path relative to the pool, e.g. persistent/appdata (letters, digits, '_', '-', '.', ':' and '/')";
    public const string FullDatasetRule = "write a full dataset name such as rpool/persistent (letters, digits, '_', '-', '.', ':' and '/')";
    public const string SizeRule = "write a size with a unit, e.g. 512M, 1G or 10G";
    public const string PathRule = "write an absolute path without spaces or quotes, e.g. /persistent/secrets/tailscale-authkey";
    public const string PropertyRule = "use a ZFS property name (lowercase, may contain ':' for user properties) and a single-line value";
    public const string BridgeRule = "use 1-15 lowercase letters, digits and '-', starting with a letter (Linux interface names are at most 15 bytes)";
    public const string Ipv4CidrRule = "write the bridge address with its prefix length, e.g. 10.42.0.1/24";
    public const string CalendarRule = "write a systemd OnCalendar expression such as *:0/15 or hourly";
    public const string ListenRule = "write an address and port such as [::]:8443 or 100.64.0.1:8443";
    public const string SingleLineRule = "write it on one line";
    public const string FailOnRule = "write critical (fail only on CRITICAL checks) or warning (also on WARNING)";

    [GeneratedRegex("\\A[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\z")]
    public static partial Regex Hostname();

    [GeneratedRegex("\\A[0-9a-f]{8}\\z")]
    public static partial Regex HostId();

    [GeneratedRegex("\\A[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)*\\z")]
    public static partial Regex TimeZone();

    [GeneratedRegex("\\A[0-9]{2}\\.[0-9]{2}\\z")]
    public static partial Regex StateVersion();

    [GeneratedRegex("\\A[A-Za-z0-9][A-Za-z0-9._-]*\\z")]
    public static partial Regex Branch();

    [GeneratedRegex("\\A(x86_64-linux|aarch64-linux)\\z")]
    public static partial Regex System();

    [GeneratedRegex("\\A(?!root\\z)[a-z_][a-z0-9_-]{0,31}\\z")]
    public static partial Regex User();

    [GeneratedRegex("\\A(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp256|ecdsa-sha2-nistp384|ecdsa-sha2-nistp521|sk-ssh-ed25519@openssh\\.com|sk-ecdsa-sha2-nistp256@openssh\\.com) [A-Za-z0-9+/]+={0,3}( [^\\r\\n]*)?\\z")]
    public static partial Regex SshKey();

    [GeneratedRegex("\\A/dev/[A-Za-z0-9._:/+-]+\\z")]
    public static partial Regex Device();

    [GeneratedRegex("\\A[A-Za-z][A-Za-z0-9_.:-]*\\z")]
    public static partial Regex Pool();

    [GeneratedRegex("\\A[A-Za-z0-9_.:-]+(/[A-Za-z0-9_.:-]+)*\\z")]
    public static partial Regex Dataset();

    [GeneratedRegex("\\A[0-9]+[KMGT]\\z")]
    public static partial Regex Size();

    [GeneratedRegex("\\A/[A-Za-z0-9._/+@:-]*\\z")]
    public static partial Regex AbsolutePath();

    [GeneratedRegex("\\A[a-z][a-z0-9_.:-]*\\z")]
    public static partial Regex PropertyName();

    [GeneratedRegex("\\A[^\\r\\n]*\\z")]
    public static partial Regex SingleLine();

    [GeneratedRegex("\\A[a-z][a-z0-9-]{0,14}\\z")]
    public static partial Regex Bridge();

    [GeneratedRegex("\\A((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])/([89]|[12][0-9]|30)\\z")]
    public static partial Regex Ipv4Cidr();

    [GeneratedRegex("\\A[A-Za-z0-9*:/,. ~-]+\\z")]
    public static partial Regex Calendar();

    [GeneratedRegex("\\A(critical|warning)\\z")]
    public static partial Regex FailOn();

    [GeneratedRegex("\\A(\\[[0-9a-fA-F:.]*\\]|[A-Za-z0-9.-]*):[0-9]{1,5}\\z")]
    public static partial Regex Listen();
}
