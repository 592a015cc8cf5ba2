using System.Text;
using System.Text.RegularExpressions;
using Homelab.Provider.Framework.Schema;

namespace Homelab.Provider.Units;

/// <summary>
/// What one job's service needs from the system (docs/design/units.md, "Hardening"): the job kinds
/// (syncoid, restic) derive it from their settings, <see cref="Hardening"/> turns it into the unit's
/// sandbox lines. Everything not listed here is denied.
/// </summary>
internal sealed record Sandbox
{
    /// <summary>False: <c>hardening = "off"</c>, the job runs with the full rights of its user (the behaviour before hardening existed).</summary>
    public bool Hardened { get; init; } = true;

    /// <summary>The user the service runs as (<c>User=</c>; its primary group); null: root.</summary>
    public string? User { get; init; }

    /// <summary>IPv4/IPv6 sockets (a remote endpoint or repository, a hook); AF_UNIX is always allowed (zfs-fuse's socket, logging, NSS).</summary>
    public bool Network { get; init; }

    /// <summary>The job reads below <c>/home</c>, <c>/root</c> or <c>/run/user</c> (ssh keys, backed-up paths): <c>ProtectHome=read-only</c> instead of hiding them.</summary>
    public bool ReadsHome { get; init; }

    /// <summary>The job reads or writes below <c>/tmp</c> or <c>/var/tmp</c>: no <c>PrivateTmp=</c> (it would see an empty private /tmp).</summary>
    public bool UsesSharedTmp { get; init; }

    /// <summary>Paths the job writes besides its cache and runtime directories (<c>ReadWritePaths=</c>; must pass <see cref="Hardening.PathProblem"/>).</summary>
    public IReadOnlyList<string> WritablePaths { get; init; } = [];

    /// <summary>The capability bounding set (<c>CAP_…</c> names); empty: none at all.</summary>
    public IReadOnlyList<string> Capabilities { get; init; } = [];

    /// <summary>Capabilities a non-root user keeps (<c>AmbientCapabilities=</c>); each must be in <see cref="Capabilities"/>.</summary>
    public IReadOnlyList<string> AmbientCapabilities { get; init; } = [];

    /// <summary>Access to <c>/dev/zfs</c> (OpenZFS' control device); otherwise the service gets a private /dev.</summary>
    public bool ZfsDevice { get; init; }
}

/// <summary>
/// The one renderer of the provider's sandboxing settings (systemd.exec(5), systemd.resource-control(5))
/// for every job kind, and of the <c>hardening</c> and <c>user</c> attributes they share. Values that
/// come from the configuration go through <see cref="UnitValue"/>; the rest are fixed words.
/// </summary>
internal static partial class Hardening
{
    public const string Strict = "strict";

    public const string Off = "off";

    /// <summary>The <c>hardening</c> attribute's values.</summary>
    public static readonly IValueValidator ModeValidator = Validators.OneOf(Strict, Off);

    /// <summary>
    /// A user name as <c>useradd</c> and systemd's <c>User=</c> accept it portably: a lowercase
    /// letter or <c>_</c>, then lowercase letters, digits, <c>_</c> and <c>-</c>, at most 32.
    /// </summary>
    public static readonly IValueValidator UserValidator = Validators.Matches(UserName(),
        "A user name: a lowercase letter or `_`, then lowercase letters, digits, `_` or `-` (at most 32 characters).");

    /// <summary>True when <paramref name="user"/> means a non-root user.</summary>
    public static bool IsNonRoot(string? user) => user is not null && user != "root";

    /// <summary>Directories a sandbox hides or replaces unless the job needs them (<see cref="Touches"/>).</summary>
    public static readonly string[] HomeDirectories = ["/home", "/root", "/run/user"];

    public static readonly string[] TmpDirectories = ["/tmp", "/var/tmp"];

    /// <summary>
    /// True when one of <paramref name="paths"/> lies in one of <paramref name="dirs"/> or contains one
    /// (<c>/</c> contains <c>/home</c>): then a sandbox that hides <paramref name="dirs"/> changes what the job sees.
    /// </summary>
    public static bool Touches(IEnumerable<string> paths, IReadOnlyList<string> dirs) =>
        paths.Select(p => p.TrimEnd('/') is { Length: > 0 } t ? t : "/").Any(p => dirs.Any(d =>
            p == d || p.StartsWith(d + "/", StringComparison.Ordinal) || p == "/" || d.StartsWith(p + "/", StringComparison.Ordinal)));

    /// <summary>
    /// Null when <paramref name="path"/> can be one word of <c>ReadWritePaths=</c> (an absolute path of
    /// visible characters without blanks, quotes or backslashes: systemd splits that list at blanks and
    /// unquotes it), else why not.
    /// </summary>
    public static string? PathProblem(string path) =>
        PlainPath().IsMatch(path) ? null : "A hardened job can only be given write access to an absolute path without blanks, quotes, backslashes or control characters.";

    /// <summary>The <c>User=</c> and sandbox lines of a <c>[Service]</c> section (empty without a user when not hardened).</summary>
    public static string ServiceLines(Sandbox sandbox)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        var sb = new StringBuilder();
        if (sandbox.User is { } user)
        {
            if (!UserName().IsMatch(user))
            {
                throw new ArgumentException("User name refused (validate at plan).", nameof(sandbox));
            }
            sb.Append("User=").Append(user).Append('\n');
        }
        if (sandbox.AmbientCapabilities.Count > 0)
        {
            sb.Append("AmbientCapabilities=").Append(Capabilities(sandbox.AmbientCapabilities)).Append('\n');
        }
        if (!sandbox.Hardened)
        {
            return sb.ToString();
        }
        sb.Append("# Sandbox (hardening = \"strict\"): docs/design/units.md\n");
        sb.Append("CapabilityBoundingSet=").Append(Capabilities(sandbox.Capabilities)).Append('\n');
        sb.Append("NoNewPrivileges=yes\n");
        sb.Append("UMask=0077\n");
        sb.Append("ProtectSystem=strict\n");
        foreach (var path in sandbox.WritablePaths)
        {
            if (PathProblem(path) is { } problem)
            {
                throw new ArgumentException(problem + " (validate at plan)", nameof(sandbox));
            }
            // "-": a path that does not exist (yet) is skipped instead of failing the unit.
            sb.Append("ReadWritePaths=-").Append(UnitValue.Encode(path)).Append('\n');
        }
        sb.Append("ProtectHome=").Append(sandbox.ReadsHome ? "read-only" : "yes").Append('\n');
        if (!sandbox.UsesSharedTmp)
        {
            sb.Append("PrivateTmp=yes\n");
        }
        if (sandbox.ZfsDevice)
        {
            sb.Append("DevicePolicy=closed\n");
            sb.Append("DeviceAllow=/dev/zfs rw\n");
        }
        else
        {
            sb.Append("PrivateDevices=yes\n");
        }
        sb.Append("ProtectKernelTunables=yes\n");
        sb.Append("ProtectKernelModules=yes\n");
        sb.Append("ProtectKernelLogs=yes\n");
        sb.Append("ProtectControlGroups=yes\n");
        sb.Append("ProtectClock=yes\n");
        sb.Append("ProtectHostname=yes\n");
        sb.Append("RestrictAddressFamilies=AF_UNIX").Append(sandbox.Network ? " AF_INET AF_INET6" : "").Append('\n');
        sb.Append("RestrictNamespaces=yes\n");
        sb.Append("RestrictRealtime=yes\n");
        sb.Append("RestrictSUIDSGID=yes\n");
        sb.Append("LockPersonality=yes\n");
        sb.Append("MemoryDenyWriteExecute=yes\n");
        sb.Append("RemoveIPC=yes\n");
        sb.Append("SystemCallArchitectures=native\n");
        sb.Append("SystemCallFilter=@system-service\n");
        // A refused call fails with EPERM (the tool reports it) instead of killing the job with SIGSYS.
        sb.Append("SystemCallErrorNumber=EPERM\n");
        return sb.ToString();
    }

    /// <summary>The <c>user</c> and <c>hardening</c> settings read back from a service file (null user: root; false: not hardened).</summary>
    public static (string? User, bool Hardened) Parse(string serviceContent)
    {
        ArgumentNullException.ThrowIfNull(serviceContent);
        string? user = null;
        var hardened = false;
        foreach (var line in serviceContent.Split('\n'))
        {
            if (line.StartsWith("User=", StringComparison.Ordinal))
            {
                user = line["User=".Length..];
            }
            else if (line == "ProtectSystem=strict")
            {
                hardened = true;
            }
        }
        return (user, hardened);
    }

    private static string Capabilities(IReadOnlyList<string> caps) =>
        caps.All(c => CapabilityName().IsMatch(c))
            ? string.Join(' ', caps)
            : throw new ArgumentException("Not a capability name.", nameof(caps));

    [GeneratedRegex(@"\A[a-z_][a-z0-9_-]{0,31}\z", RegexOptions.CultureInvariant)]
    private static partial Regex UserName();

    [GeneratedRegex(@"\ACAP_[A-Z_]{1,40}\z", RegexOptions.CultureInvariant)]
    private static partial Regex CapabilityName();

    [GeneratedRegex(@"\A/[A-Za-z0-9/._+@:,=%-]{0,4000}\z", RegexOptions.CultureInvariant)]
    private static partial Regex PlainPath();
}

/// <summary>The plan-time check of the <c>user</c> attribute on the host.</summary>
internal static class JobUser
{
    /// <summary>
    /// Null when <paramref name="user"/> exists on the remote (<c>getent passwd</c>, the user
    /// database systemd's <c>User=</c> resolves through NSS), else a sentence for a diagnostic on
    /// <c>user</c>. The provider never creates users.
    /// </summary>
    public static async Task<string?> ProblemAsync(Host.Remote remote, string user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(remote);
        var result = await remote.RunToolAsync("getent", ["passwd", "--", user], ct).ConfigureAwait(false);
        return result.ExitCode switch
        {
            0 => null,
            2 => $"There is no user \"{user}\" on remote \"{remote.Name}\" (`getent passwd {user}` found none). Create it first (on NixOS: `users.users.{user}`); the provider never creates users.",
            _ => throw new Host.HostException("Cannot look up the user", $"`getent passwd {user}` on remote \"{remote.Name}\": {result.Describe()}"),
        };
    }
}
