using Homelab.Testing;

namespace Homelab.Provider.Framework.Tests.Acceptance;

/// <summary>A terraform workspace on the framework's test provider, with its own object store.</summary>
internal sealed class TestProviderWorkspace : IDisposable
{
    public TestProviderWorkspace()
    {
        Terraform = TerraformWorkspace.Create(ProviderBuild.TestProvider, "example.com/homelab/testfw", "testfw");
        StoreDir = Path.Combine(Terraform.Directory, "store");
    }

    public TerraformWorkspace Terraform { get; }

    public string StoreDir { get; }

    /// <summary>Writes main.tf with the provider block pointing at this workspace's store.</summary>
    public void Write(string resources) => Terraform.WriteConfig(ProviderBlock + resources);

    public string ProviderBlock => $$"""
        provider "testfw" {
          store_dir = "{{StoreDir}}"
        }

        """;

    public string[] StoredIds() => Directory.Exists(StoreDir)
        ? Directory.GetFiles(StoreDir, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)).Order().ToArray()
        : [];

    public void Dispose() => Terraform.Dispose();
}
