namespace Homelab.Provider.Tests.TestKit;

/// <summary>The provider block of tests that read this machine's ZFS: one remote, "local", the default.</summary>
internal static class LocalProvider
{
    /// <summary>HCL of the block, followed by a blank line (a test appends its own blocks).</summary>
    public const string Block = """
        provider "homelab" {
          remote {
            name    = "local"
            address = "local"
          }
        }

        """;
}
