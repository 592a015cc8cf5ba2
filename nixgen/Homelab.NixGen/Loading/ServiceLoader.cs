using Homelab.NixGen.Model;

namespace Homelab.NixGen.Loading;

/// <summary>Reads the service sections of a host file: <c>incus</c>, <c>tailscale</c> and <c>homelab</c>.</summary>
internal static class ServiceLoader
{
    /// <param name="section">The <c>incus</c> mapping, or null for <c>incus:</c> with no value.</param>
    /// <param name="dataset">The full name of the dataset handed to Incus (already validated).</param>
    public static IncusSettings ReadIncus(MappingReader? section, string dataset)
    {
        var storagePool = section?.String("storagePool", Patterns.Pool(), Patterns.PoolRule, fallback: "default") ?? "default";
        var bridge = section?.Mapping("bridge");
        bridge?.RejectUnknown(HostKeys.Bridge);
        var bridgeName = bridge?.String("name", Patterns.Bridge(), Patterns.BridgeRule, fallback: "incusbr0") ?? "incusbr0";
        var ipv4 = bridge?.String("ipv4", Patterns.Ipv4Cidr(), Patterns.Ipv4CidrRule, fallback: "10.42.0.1/24") ?? "10.42.0.1/24";
        var nat = bridge?.Bool("nat", fallback: true) ?? true;
        var https = section?.String("httpsAddress", Patterns.Listen(), Patterns.ListenRule);
        var ui = section?.Bool("ui", fallback: false) ?? false;
        return new IncusSettings(dataset, storagePool, bridgeName, ipv4, nat, https, ui);
    }

    /// <param name="section">The <c>tailscale</c> mapping, or null for <c>tailscale:</c> with no value.</param>
    public static TailscaleSettings ReadTailscale(MappingReader? section)
    {
        section?.RejectUnknown(HostKeys.Tailscale);
        var authKeyFile = section?.String("authKeyFile", Patterns.AbsolutePath(), Patterns.PathRule);
        var openFirewall = section?.Bool("openFirewall", fallback: true) ?? true;
        return new TailscaleSettings(authKeyFile, openFirewall);
    }

    /// <summary>Returns the state dir and sanoid calendar, or nulls after reporting an error.</summary>
    public static (string? StateDir, string? SanoidCalendar) ReadRuntime(MappingReader? section, ErrorSink sink)
    {
        section?.RejectUnknown(HostKeys.Homelab);
        var stateDir = section?.String("stateDir", Patterns.AbsolutePath(), Patterns.PathRule, fallback: HostFileLoader.DefaultStateDir)
            ?? HostFileLoader.DefaultStateDir;
        if (section is not null && stateDir is not null && !IsUsableStateDir(stateDir))
        {
            sink.Add(section.Raw("stateDir")!, Messages.StateDirOnDisposableRoot(section.Child("stateDir"), stateDir));
            stateDir = null;
        }

        var calendar = section?.String("sanoidOnCalendar", Patterns.Calendar(), Patterns.CalendarRule, fallback: HostFileLoader.DefaultSanoidCalendar)
            ?? HostFileLoader.DefaultSanoidCalendar;
        return (stateDir, calendar);
    }

    /// <summary>The <c>monitor</c> section (absent: the defaults); null after reporting an error.</summary>
    public static MonitorSettings? ReadMonitor(MappingReader? section)
    {
        if (section is null)
        {
            return new MonitorSettings(HostFileLoader.DefaultMonitorInterval, HostFileLoader.DefaultMonitorFailOn);
        }

        section.RejectUnknown(HostKeys.Monitor);
        var interval = section.String("interval", Patterns.Calendar(), Patterns.CalendarRule, fallback: HostFileLoader.DefaultMonitorInterval);
        var failOn = section.String("failOn", Patterns.FailOn(), Patterns.FailOnRule, fallback: HostFileLoader.DefaultMonitorFailOn);
        return interval is null || failOn is null ? null : new MonitorSettings(interval, failOn);
    }

    private static bool IsUsableStateDir(string path)
    {
        var trimmed = path.TrimEnd('/');
        string[] refused = ["", "/nix", "/boot", "/home", "/run", "/tmp", "/proc", "/sys", "/dev"];
        return trimmed.Length > 1
            && trimmed != "/persistent"
            && !trimmed.Contains("//", StringComparison.Ordinal)
            && !trimmed.Split('/').Any(part => part is "." or "..")
            && !refused.Any(r => trimmed == r || (r.Length > 0 && trimmed.StartsWith(r + "/", StringComparison.Ordinal)));
    }
}
