using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Homelab.NixGen.Tests.TestKit;
using Homelab.Testing;
using Xunit.Abstractions;

namespace Homelab.NixGen.Tests.Rendering;

/// <summary>
/// The foundation's systemd services as real unit files: the rendered configuration.nix is
/// evaluated by nix-instantiate (with stand-ins for pkgs, lib and config, so no nixpkgs is needed)
/// to its <c>systemd.services</c>, each service is written as a unit file the way NixOS renders
/// one (settings as <c>Key=value</c> lines, lists as repeated lines, <c>script</c> as ExecStart),
/// and the host's systemd checks them: <c>systemd-analyze verify</c> must accept every unit and
/// <c>systemd-analyze security --offline=true</c> must rate each at most its budget. The exposure
/// table is written to the test output (docs/design/nixos-foundation.md has it).
/// </summary>
[Trait(Tier.Name, Tier.Host)]
public sealed partial class FoundationUnitSecurityTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>Each service's exposure budget (systemd-analyze's 0-10 scale; lower is safer).</summary>
    private static readonly Dictionary<string, double> Budget = new(StringComparer.Ordinal)
    {
        ["failure-notify@"] = 3.5,
        ["success-notify@"] = 3.5,
        ["failure-notify-retry"] = 3.5,
        ["homelab-monitor"] = 3.0,
        ["homelab-sanoid"] = 3.5,
        ["homelab-units"] = 3.0,
        ["homelab-pull-allow"] = 3.5,
    };

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Every_foundation_service_passes_verify_and_stays_within_its_exposure_budget()
    {
        var units = WriteUnits(GoldenTests.RenderCase("homelab"));
        Assert.Equal(Budget.Keys.Order(StringComparer.Ordinal), units.Keys.Order(StringComparer.Ordinal));

        // verify loads instances of the templates (OnFailure=failure-notify@%n.service) from the unit dir.
        var files = units.Select(u => u.Key.EndsWith('@') ? Instance(u.Key, u.Value) : u.Value).ToList();
        var verify = ProcessRunner.Run("systemd-analyze", ["verify", "--man=no", .. files], null,
            new Dictionary<string, string?> { ["SYSTEMD_UNIT_PATH"] = _dir.Combine("units") + ":", ["SYSTEMD_LOG_LEVEL"] = "warning" });
        Assert.True(verify.ExitCode == 0, verify.ToString());
        var complaints = (verify.Stdout + verify.Stderr).Split('\n').Where(l => l.Contains(_dir.Path, StringComparison.Ordinal) || l.Contains("homelab", StringComparison.Ordinal) || l.Contains("notify", StringComparison.Ordinal)).ToList();
        Assert.True(complaints.Count == 0, string.Join('\n', complaints));

        var exposures = units.OrderBy(u => u.Key, StringComparer.Ordinal).ToDictionary(u => u.Key, u => Exposure(u.Value), StringComparer.Ordinal);
        output.WriteLine("| unit | exposure |\n|---|---|\n" + string.Concat(exposures.Select(e => string.Create(CultureInfo.InvariantCulture, $"| {e.Key} | {e.Value:0.0} |\n"))));
        foreach (var (name, exposure) in exposures)
        {
            Assert.True(exposure <= Budget[name], $"{name}: exposure {exposure} above its budget {Budget[name]}:\n{Security(units[name])}");
        }
    }

    [Fact]
    public void The_zfs_units_see_only_dev_zfs_and_the_notifiers_write_only_their_state_dirs()
    {
        var units = WriteUnits(GoldenTests.RenderCase("homelab"));
        foreach (var name in new[] { "homelab-sanoid", "homelab-monitor", "homelab-pull-allow" })
        {
            var text = File.ReadAllText(units[name]);
            Assert.Contains("DeviceAllow=/dev/zfs rw\n", text, StringComparison.Ordinal);
            Assert.Contains("DevicePolicy=closed\n", text, StringComparison.Ordinal);
            Assert.Contains("PrivateNetwork=yes\n", text, StringComparison.Ordinal);
            Assert.Contains("ProtectSystem=strict\n", text, StringComparison.Ordinal);
        }
        Assert.Contains("CapabilityBoundingSet=CAP_SYS_ADMIN\n", File.ReadAllText(units["homelab-sanoid"]), StringComparison.Ordinal);
        Assert.Contains("CapabilityBoundingSet=\n", File.ReadAllText(units["homelab-monitor"]), StringComparison.Ordinal);
        foreach (var name in new[] { "failure-notify@", "success-notify@", "failure-notify-retry" })
        {
            var text = File.ReadAllText(units[name]);
            Assert.Equal(
                ["ReadWritePaths=/var/lib/homelab/alerts", "ReadWritePaths=/var/lib/homelab/spool", "ReadWritePaths=/var/lib/homelab/status"],
                text.Split('\n').Where(l => l.StartsWith("ReadWritePaths=", StringComparison.Ordinal)));
            Assert.Contains("RestrictAddressFamilies=AF_INET\n", text, StringComparison.Ordinal);
            Assert.Contains("CapabilityBoundingSet=\n", text, StringComparison.Ordinal);
            Assert.DoesNotContain("DeviceAllow", text, StringComparison.Ordinal);
        }
        Assert.Equal(["ReadWritePaths=/run/systemd/system"], File.ReadAllText(units["homelab-units"]).Split('\n').Where(l => l.StartsWith("ReadWritePaths=", StringComparison.Ordinal)));
    }

    /// <summary>Writes the homelab services of the rendered files as unit files; returns name → path.</summary>
    private Dictionary<string, string> WriteUnits(IReadOnlyList<Homelab.NixGen.Rendering.OutputFile> files)
    {
        foreach (var file in files)
        {
            _dir.Write("host/" + file.RelativePath, file.Content);
        }
        var configuration = files.Single(f => f.RelativePath == "configuration.nix").Content;
        var pkgs = PkgsAttribute().Matches(configuration).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        Directory.CreateDirectory(_dir.Combine("zfs", "bin"));
        File.CreateSymbolicLink(_dir.Combine("zfs", "bin", "zfs"), File.Exists("/usr/sbin/zfs") ? "/usr/sbin/zfs" : "/sbin/zfs");
        _dir.Write("eval.nix", $$"""
            { zfsPackage }:
            let
              pkgs = builtins.listToAttrs (map (n: { name = n; value = "/usr"; }) [ {{string.Join(' ', pkgs.Select(p => '"' + p + '"'))}} ])
                // { writeShellScript = name: text: "/usr/bin/true"; };
              lib = { escapeShellArg = s: "'" + s + "'"; makeBinPath = xs: "/usr/bin"; };
              configuration = import ./host/configuration.nix { config = { boot.zfs.package = zfsPackage; }; inherit lib pkgs; };
            in
            configuration.systemd.services
            """);
        var eval = ProcessRunner.Run("nix-instantiate", ["--eval", "--strict", "--json", "--readonly-mode", _dir.Combine("eval.nix"), "--argstr", "zfsPackage", _dir.Combine("zfs")],
            null, NixInstantiate.Environment(_dir), TimeSpan.FromMinutes(2));
        Assert.True(eval.ExitCode == 0, eval.ToString());
        var units = new Dictionary<string, string>(StringComparer.Ordinal);
        Directory.CreateDirectory(_dir.Combine("units"));
        foreach (var service in JsonDocument.Parse(eval.Stdout).RootElement.EnumerateObject().Where(s => s.Name.StartsWith("homelab-", StringComparison.Ordinal) || s.Name.Contains("notify", StringComparison.Ordinal)))
        {
            var path = _dir.Combine("units", service.Name + ".service");
            // Store paths of the scripts (readonly mode does not copy them) → the rendered copies.
            File.WriteAllText(path, StorePath().Replace(UnitText(service.Name, service.Value), m => _dir.Combine("host", "scripts", m.Groups[1].Value)));
            units[service.Name] = path;
        }
        return units;
    }

    /// <summary>A unit file as NixOS writes one for a <c>systemd.services.&lt;name&gt;</c> value.</summary>
    private string UnitText(string name, JsonElement service)
    {
        var unit = new StringBuilder("[Unit]\n");
        if (service.TryGetProperty("description", out var description))
        {
            unit.Append(CultureInfo.InvariantCulture, $"Description={description.GetString()}\n");
        }
        foreach (var dep in new[] { ("after", "After"), ("wants", "Wants") })
        {
            if (service.TryGetProperty(dep.Item1, out var list))
            {
                unit.Append(CultureInfo.InvariantCulture, $"{dep.Item2}={string.Join(' ', list.EnumerateArray().Select(e => e.GetString()))}\n");
            }
        }
        if (service.TryGetProperty("unitConfig", out var unitConfig))
        {
            foreach (var setting in unitConfig.EnumerateObject())
            {
                unit.Append(CultureInfo.InvariantCulture, $"{setting.Name}={(setting.Value.ValueKind == JsonValueKind.Array ? string.Join(' ', setting.Value.EnumerateArray().Select(Value)) : Value(setting.Value))}\n");
            }
        }
        unit.Append("\n[Service]\n");
        if (service.TryGetProperty("environment", out var environment))
        {
            foreach (var variable in environment.EnumerateObject())
            {
                unit.Append(CultureInfo.InvariantCulture, $"Environment=\"{variable.Name}={variable.Value.GetString()}\"\n");
            }
        }
        if (service.TryGetProperty("path", out var binPath))
        {
            unit.Append(CultureInfo.InvariantCulture, $"Environment=\"PATH={string.Join(':', binPath.EnumerateArray().Select(p => p.GetString() + "/bin"))}\"\n");
        }
        if (service.TryGetProperty("script", out var script))
        {
            var scriptFile = _dir.Write($"unit-scripts/{name}-script", "#!/usr/bin/bash\n" + script.GetString() + "\n");
            File.SetUnixFileMode(scriptFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var args = service.TryGetProperty("scriptArgs", out var a) ? " " + a.GetString() : "";
            unit.Append(CultureInfo.InvariantCulture, $"ExecStart={scriptFile}{args}\n");
        }
        foreach (var setting in service.GetProperty("serviceConfig").EnumerateObject())
        {
            foreach (var value in setting.Value.ValueKind == JsonValueKind.Array ? setting.Value.EnumerateArray().ToList() : [setting.Value])
            {
                unit.Append(CultureInfo.InvariantCulture, $"{setting.Name}={Value(value)}\n");
            }
        }
        if (service.TryGetProperty("wantedBy", out var wantedBy))
        {
            unit.Append(CultureInfo.InvariantCulture, $"\n[Install]\nWantedBy={string.Join(' ', wantedBy.EnumerateArray().Select(e => e.GetString()))}\n");
        }
        return unit.ToString();
    }

    private static string Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        JsonValueKind.Number => value.GetRawText(),
        _ => value.GetString()!,
    };

    private string Instance(string template, string templatePath)
    {
        var instance = _dir.Combine("units", $"{template}homelab-sanoid.service.service");
        File.CreateSymbolicLink(instance, templatePath);
        return instance;
    }

    private static string Security(string file) =>
        ProcessRunner.Run("systemd-analyze", ["security", "--offline=true", "--no-pager", file]).ToString();

    private static double Exposure(string file)
    {
        var result = ProcessRunner.Run("systemd-analyze", ["security", "--offline=true", "--no-pager", file]);
        var match = OverallExposure().Match(result.Stdout);
        Assert.True(match.Success, result.ToString());
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"pkgs\.([A-Za-z0-9_-]+)")]
    private static partial Regex PkgsAttribute();

    [GeneratedRegex(@"/nix/store/[a-z0-9]{32}-([A-Za-z0-9._-]+)")]
    private static partial Regex StorePath();

    [GeneratedRegex(@"Overall exposure level for \S+: ([0-9]+\.[0-9])")]
    private static partial Regex OverallExposure();
}
