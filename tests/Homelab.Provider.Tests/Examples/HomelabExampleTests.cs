using System.Text;

namespace Homelab.Provider.Tests.Examples;

/// <summary>
/// examples/homelab uses the Incus provider too, which cannot be installed offline here. So the
/// test keeps the example's homelab_* resources, the homelab provider block and the variables,
/// and has real terraform validate them against the real provider (schema and our validators).
/// </summary>
[Collection("terraform")]
[Trait(Tier.Name, Tier.Acceptance)]
public sealed class HomelabExampleTests
{
    [Fact]
    public void Every_homelab_block_of_the_full_example_validates_against_the_schema()
    {
        var dir = RepositoryRoot.Combine("examples", "homelab");
        var kept = new StringBuilder();
        var homelabBlocks = 0;
        foreach (var file in Directory.GetFiles(dir, "*.tf").Order(StringComparer.Ordinal))
        {
            foreach (var block in TopLevelBlocks(File.ReadAllLines(file)))
            {
                var head = block[0];
                if (head.StartsWith("resource \"homelab_", StringComparison.Ordinal) || head.StartsWith("data \"homelab_", StringComparison.Ordinal))
                {
                    homelabBlocks++;
                    kept.AppendLine(string.Join('\n', block)).AppendLine();
                }
                else if (head.StartsWith("provider \"homelab\"", StringComparison.Ordinal) || head.StartsWith("variable ", StringComparison.Ordinal))
                {
                    kept.AppendLine(string.Join('\n', block)).AppendLine();
                }
            }
        }
        Assert.True(homelabBlocks >= 8, $"expected the example to use every homelab resource, found {homelabBlocks} blocks");

        using var ws = TerraformWorkspace.Create(ProviderBuild.Homelab);
        ws.WriteConfig(kept.ToString());
        var result = ws.Run("validate", "-no-color");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("The configuration is valid", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void The_examples_are_formatted()
    {
        var result = ProcessRunner.Run("terraform", ["fmt", "-check", "-recursive", "-diff", RepositoryRoot.Combine("examples")]);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    /// <summary>Top-level blocks of a `terraform fmt`-formatted file: from a line at column 0 ending in "{" to the next "}" at column 0.</summary>
    private static IEnumerable<List<string>> TopLevelBlocks(string[] lines)
    {
        List<string>? current = null;
        foreach (var line in lines)
        {
            if (current is null)
            {
                if (line.Length > 0 && !char.IsWhiteSpace(line[0]) && line.TrimEnd().EndsWith('{'))
                {
                    current = [line];
                }
                continue;
            }
            current.Add(line);
            if (line == "}")
            {
                yield return current;
                current = null;
            }
        }
    }
}
