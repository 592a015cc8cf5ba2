using System.Text.Json;
using Homelab.NixGen.Loading;
using Homelab.NixGen.Tests.Cli;
using Homelab.Testing;

namespace Homelab.NixGen.Tests.Loading;

/// <summary>The published JSON Schema and the loader accept the same keys.</summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class HostSchemaTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(CommandLineTests.Nixgen("schema").Stdout).RootElement;

    public static TheoryData<string, string[]> Sections => new()
    {
        { "", HostKeys.Root },
        { "nixpkgs", HostKeys.Nixpkgs },
        { "admins[]", HostKeys.Admin },
        { "zfs", HostKeys.Zfs },
        { "disks", HostKeys.Disks },
        { "disks.system", HostKeys.SystemDisk },
        { "disks.system.datasets.*", HostKeys.ExtraDataset },
        { "disks.replica", HostKeys.ReplicaDisk },
        { "incus", HostKeys.Incus },
        { "incus.bridge", HostKeys.Bridge },
        { "tailscale", HostKeys.Tailscale },
        { "homelab", HostKeys.Homelab },
        { "monitor", HostKeys.Monitor },
        { "replication", HostKeys.Replication },
        { "replication.pullKeys[]", HostKeys.PullKey },
    };

    [Theory]
    [MemberData(nameof(Sections))]
    public void Schema_properties_match_the_keys_the_loader_accepts(string path, string[] keys)
    {
        var node = Schema;
        foreach (var part in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            node = part switch
            {
                "*" => node.GetProperty("additionalProperties"),
                _ when part.EndsWith("[]", StringComparison.Ordinal) => node.GetProperty("properties").GetProperty(part[..^2]).GetProperty("items"),
                _ => node.GetProperty("properties").GetProperty(part),
            };
        }

        Assert.False(node.GetProperty("additionalProperties").GetBoolean());
        Assert.Equal(keys.Order(StringComparer.Ordinal), node.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }
}
