using System.Text;

namespace Homelab.Provider.Tests.Examples;

/// <summary>
/// examples/homelab keeps its Incus part in incus.tf, which needs the Incus provider (not installable
/// offline here). Everything else validates with real terraform against the real provider
/// (ReferenceHomelabTests applies it); incus.tf is held to the ownership rules of the host contract.
/// </summary>
[Collection("terraform")]
[Trait(Tier.Name, Tier.Acceptance)]
public sealed class HomelabExampleTests
{
    private static readonly string Dir = RepositoryRoot.Combine("examples", "homelab");

    [Fact]
    public void Every_file_but_the_incus_part_validates_against_the_schema()
    {
        using var ws = TerraformWorkspace.Create(ProviderBuild.Homelab);
        var homelabBlocks = 0;
        foreach (var file in Directory.GetFiles(Dir, "*.tf").Where(f => Path.GetFileName(f) != "incus.tf"))
        {
            var text = File.ReadAllText(file);
            homelabBlocks += TopLevelBlocks(text.Split('\n')).Count(b => b[0].StartsWith("resource \"homelab_", StringComparison.Ordinal) || b[0].StartsWith("data \"homelab_", StringComparison.Ordinal));
            ws.WriteFile(Path.GetFileName(file), text);
        }
        Assert.True(homelabBlocks >= 10, $"expected the example to use the homelab resources and data sources, found {homelabBlocks} blocks");

        var result = ws.Run("validate", "-no-color");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("The configuration is valid", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void The_incus_part_reaches_the_host_over_https_pins_the_current_major_and_declares_nothing_the_foundation_owns()
    {
        var incus = File.ReadAllText(Path.Combine(Dir, "incus.tf"));
        var blocks = TopLevelBlocks(incus.Split('\n')).Select(b => b[0]).ToList();

        Assert.Contains("version = \"~> 1.1\"", incus, StringComparison.Ordinal);
        Assert.Contains("address = var.incus_address", incus, StringComparison.Ordinal);
        Assert.StartsWith("https://", VariableDefault(incus, "incus_address"), StringComparison.Ordinal);
        // The preseed owns the storage pool and the bridge: read, never declared.
        Assert.DoesNotContain(blocks, b => b.StartsWith("resource \"incus_storage_pool\"", StringComparison.Ordinal) || b.StartsWith("resource \"incus_network\"", StringComparison.Ordinal));
        Assert.Contains("data \"incus_storage_pool\" \"default\" {", blocks);
        Assert.Contains("data \"incus_network\" \"bridge\" {", blocks);
        // Names the foundation renders from examples/nixgen/homelab/host.yaml.
        var host = File.ReadAllText(RepositoryRoot.Combine("examples", "nixgen", "homelab", "host.yaml"));
        Assert.Contains("storagePool: default", host, StringComparison.Ordinal);
        Assert.Contains("name: incusbr0", host, StringComparison.Ordinal);
        // Every service's data is on a homelab dataset the sanoid policy covers.
        foreach (var service in new[] { "traefik", "ntfy", "vaultwarden" })
        {
            Assert.Contains($"source = local.data_dir.{service}", incus, StringComparison.Ordinal);
        }
        // No secret value in the file: the DNS token reaches Traefik as a file on the host.
        Assert.Contains("CF_DNS_API_TOKEN_FILE", incus, StringComparison.Ordinal);
        Assert.DoesNotContain("CF_DNS_API_TOKEN\"", incus, StringComparison.Ordinal);
    }

    private static string VariableDefault(string hcl, string name)
    {
        var block = TopLevelBlocks(hcl.Split('\n')).Single(b => b[0] == $"variable \"{name}\" {{");
        var line = block.Single(l => l.TrimStart().StartsWith("default", StringComparison.Ordinal));
        return line[(line.IndexOf('"', StringComparison.Ordinal) + 1)..line.LastIndexOf('"')];
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
