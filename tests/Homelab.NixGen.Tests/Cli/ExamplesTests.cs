using Homelab.NixGen.Cli;
using Homelab.NixGen.Tests.TestKit;
using Homelab.Testing;

namespace Homelab.NixGen.Tests.Cli;

/// <summary>The committed examples are exactly what nixgen renders from their host.yaml.</summary>
[Trait(Tier.Name, Tier.Host)]
public sealed class ExamplesTests
{
    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(RepoPaths.Examples).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(dir));
        }

        return data;
    }

    [Fact]
    public void The_seed_homelab_example_exists()
    {
        Assert.True(File.Exists(Path.Combine(RepoPaths.Examples, "homelab", "host.yaml")));
        Assert.True(File.Exists(Path.Combine(RepoPaths.Examples, "homelab", "configuration.nix")));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_regenerates_without_changes(string name)
    {
        var dir = Path.Combine(RepoPaths.Examples, name);

        var result = CommandLineTests.Nixgen("render", Path.Combine(dir, "host.yaml"), "-o", dir, "--check");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
    }
}
