using System.Text.Json;
using Homelab.NixGen.Tests.TestKit;
using Homelab.Testing;

namespace Homelab.NixGen.Tests.Rendering;

/// <summary>
/// The escape hatch: the generated flake adds ./local.nix to the host's modules when the operator
/// has one, so nobody edits a generated file. Evaluated by the real nix, with a stand-in for the
/// two nixpkgs functions the flake's outputs call (nixpkgs itself is not available offline).
/// </summary>
[Trait(Tier.Name, Tier.Host)]
public sealed class FlakeLocalModuleTests
{
    private const string Driver = """
        let
          flake = import ./flake.nix;
          lib = { nixosSystem = args: args; optional = cond: v: if cond then [ v ] else [ ]; };
          out = flake.outputs { nixpkgs = { inherit lib; }; disko = { nixosModules.disko = "disko-module"; }; };
          name = m: if builtins.isPath m then baseNameOf (toString m) else if builtins.isString m then m else "inline";
        in map name out.nixosConfigurations.atlas.modules
        """;

    [Fact]
    public void Local_nix_is_a_module_of_the_host_when_it_exists_and_absent_otherwise()
    {
        using var scratch = new TempDir();
        File.Copy(Path.Combine(RepoPaths.Examples, "homelab", "flake.nix"), scratch.Combine("flake.nix"));
        var driver = scratch.Write("driver.nix", Driver);

        var without = Modules(driver, scratch);
        scratch.Write("local.nix", "{ ... }: { }\n");
        var with = Modules(driver, scratch);

        Assert.Equal(["inline", "disko-module", "disko.nix", "hardware-configuration.nix", "configuration.nix"], without);
        Assert.Equal([.. without, "local.nix"], with);
    }

    [Fact]
    public void Nixgen_never_writes_local_nix()
    {
        Assert.DoesNotContain(Directory.GetFiles(Path.Combine(RepoPaths.Examples, "homelab"), "*", SearchOption.AllDirectories), f => Path.GetFileName(f) == "local.nix");
        Assert.Contains("./local.nix", File.ReadAllText(Path.Combine(RepoPaths.Examples, "homelab", "flake.nix")), StringComparison.Ordinal);
    }

    private static List<string> Modules(string driver, TempDir scratch)
    {
        var result = ProcessRunner.Run("nix-instantiate", ["--eval", "--strict", "--json", driver], null, NixInstantiate.Environment(scratch), TimeSpan.FromMinutes(1));
        Assert.True(result.ExitCode == 0, result.ToString());
        return [.. JsonDocument.Parse(result.Stdout).RootElement.EnumerateArray().Select(e => e.GetString()!)];
    }
}
