using Homelab.Provider.Host;

namespace Homelab.Provider.Units;

/// <summary>
/// systemd's own "is systemd running?" test (<c>sd_booted()</c>): <c>/run/systemd/system</c> is a
/// directory only when systemd is PID 1. Containers and CI machines have systemctl installed but no
/// running systemd; there every systemctl call that needs the manager fails.
/// </summary>
internal static class SystemdPresence
{
    /// <summary>Fixed script; argument: the runtime directory. Prints <c>yes</c> or <c>no</c>.</summary>
    private const string Script = "if [ -d \"$1\" ]; then echo yes; else echo no; fi";

    /// <summary>True when systemd runs on <paramref name="remote"/>; throws <see cref="HostException"/> when the host cannot be asked.</summary>
    public static async Task<bool> IsRunningAsync(Remote remote, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(remote);
        var result = await remote.Connection.RunAsync(new HostCommand(["/bin/sh", "-c", Script, "sh", UnitNames.RuntimeDirectory]), ct).ConfigureAwait(false);
        return result.Stdout.Trim() switch
        {
            "yes" => true,
            "no" => false,
            _ => throw new HostException("Cannot tell whether systemd runs", $"On remote \"{remote.Name}\": {result.Describe()}"),
        };
    }
}
