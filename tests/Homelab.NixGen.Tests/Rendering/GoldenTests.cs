using Homelab.NixGen.Loading;
using Homelab.NixGen.Rendering;
using Homelab.NixGen.Tests.TestKit;
using Homelab.Testing;

namespace Homelab.NixGen.Tests.Rendering;

/// <summary>Rendered output of the case files compared with reviewed golden files (UPDATE_GOLDEN=1 rewrites them).</summary>
[Trait(Tier.Name, Tier.Host)]
public sealed class GoldenTests
{
    public static TheoryData<string> Cases => new() { "minimal", "homelab", "escaping" };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rendering_matches_the_golden_files(string name)
    {
        var files = RenderCase(name);

        Assert.Equal(
            ["configuration.nix", "disko.nix", "flake.nix", "scripts/failure-notify.sh", "scripts/homelab-monitor.sh", "scripts/homelab-pull-guard.sh", "scripts/homelab-sanoid.sh", "scripts/homelab-units.sh", "scripts/zed-ntfy.sh"],
            files.Select(f => f.RelativePath));
        foreach (var file in files.Where(f => f.RelativePath.EndsWith(".nix", StringComparison.Ordinal)))
        {
            Golden.AssertMatches(RepoPaths.GoldenFile(name, file.RelativePath), file.Content);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_generated_nix_file_parses_with_nix_instantiate(string name)
    {
        using var scratch = new TempDir();
        foreach (var file in RenderCase(name).Where(f => f.RelativePath.EndsWith(".nix", StringComparison.Ordinal)))
        {
            var path = scratch.Write(file.RelativePath, file.Content);

            var result = NixInstantiate.Parse(path, scratch);

            Assert.True(result.ExitCode == 0, $"{name}/{file.RelativePath}: {result}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rendering_is_deterministic(string name)
    {
        Assert.Equal(RenderCase(name), RenderCase(name));
    }

    [Fact]
    public void Full_homelab_foundation_has_the_pieces_the_provider_relies_on()
    {
        var configuration = RenderCase("homelab").Single(f => f.RelativePath == "configuration.nix").Content;

        Assert.Contains("boot.zfs.forceImportRoot = false;", configuration, StringComparison.Ordinal);
        Assert.Contains("boot.zfs.extraPools = [ \"backup\" ];", configuration, StringComparison.Ordinal);
        Assert.Contains("networking.nftables.enable = true;", configuration, StringComparison.Ordinal);
        Assert.Contains("trustedInterfaces = [ \"incusbr0\" \"tailscale0\" ];", configuration, StringComparison.Ordinal);
        Assert.Contains("TS_DEBUG_FIREWALL_MODE = \"nftables\";", configuration, StringComparison.Ordinal);
        Assert.Contains("timerConfig = { OnCalendar = \"*:0/15\"; Persistent = true; };", configuration, StringComparison.Ordinal);
        Assert.Contains("ExecStart = \"${pkgs.bash}/bin/bash ${./scripts/homelab-sanoid.sh} --cron\";", configuration, StringComparison.Ordinal);
        Assert.Contains("systemd.services.\"failure-notify@\" = {", configuration, StringComparison.Ordinal);
        Assert.Contains("scriptArgs = \"%i\";", configuration, StringComparison.Ordinal);
        Assert.Contains("systemd.services.\"success-notify@\" = {", configuration, StringComparison.Ordinal);
        Assert.Contains("${./scripts/failure-notify.sh} --success \"$1\"", configuration, StringComparison.Ordinal);
        Assert.Contains("ExecStart = \"${pkgs.bash}/bin/bash ${./scripts/failure-notify.sh} --retry\";", configuration, StringComparison.Ordinal);
        Assert.Contains("timerConfig = { OnBootSec = \"2min\"; OnUnitActiveSec = \"5min\"; };", configuration, StringComparison.Ordinal);
        Assert.Contains("onSuccess = [ \"success-notify@%n.service\" ];", configuration, StringComparison.Ordinal);
        Assert.Contains("environment.etc.\"zfs/zed.d/all-homelab-ntfy.sh\".source = pkgs.writeShellScript", configuration, StringComparison.Ordinal);
        Assert.Contains("exec ${pkgs.bash}/bin/bash ${./scripts/zed-ntfy.sh}", configuration, StringComparison.Ordinal);
        Assert.Contains("systemd.services.homelab-monitor = {", configuration, StringComparison.Ordinal);
        Assert.Contains("HOMELAB_MONITOR_FAIL_ON = \"critical\";", configuration, StringComparison.Ordinal);
        Assert.DoesNotContain("\"%I\"", configuration, StringComparison.Ordinal);
        Assert.DoesNotContain("@%I", configuration, StringComparison.Ordinal);
        Assert.DoesNotContain("boot.kernelPackages =", configuration, StringComparison.Ordinal);
        Assert.DoesNotContain("onFailure", configuration[configuration.IndexOf("\"failure-notify@\" = {", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.DoesNotContain("8425e349", configuration, StringComparison.Ordinal);
    }

    internal static IReadOnlyList<OutputFile> RenderCase(string name)
    {
        var result = HostFileLoader.LoadFile(RepoPaths.CaseInput(name));
        Assert.True(result.Success, string.Join("\n", result.Errors));
        return HostRenderer.Render(result.Host!);
    }
}
