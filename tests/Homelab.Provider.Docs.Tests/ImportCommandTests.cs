using Homelab.Testing;

namespace Homelab.Provider.Docs.Tests;

[Trait(Tier.Name, Tier.Unit)]
public sealed class ImportCommandTests
{
    public static TheoryData<string, string, string> Scripts => new()
    {
        { "terraform import homelab_zfs_dataset.media tank/media", "homelab_zfs_dataset.media", "tank/media" },
        { "#!/bin/sh\n# comment\n\ntofu import homelab_x.a 'atlas:tank/a b'", "homelab_x.a", "atlas:tank/a b" },
        { "terraform import -input=false homelab_x.a \"x\"", "homelab_x.a", "x" },
    };

    [Theory]
    [MemberData(nameof(Scripts))]
    public void FindsAddressAndUnquotedId(string script, string address, string id)
    {
        var command = ImportCommand.Find(script);

        Assert.NotNull(command);
        Assert.Equal(address, command.Address);
        Assert.Equal(id, command.Id);
    }

    [Fact]
    public void AScriptWithoutAnImportCommandFindsNothing()
    {
        Assert.Null(ImportCommand.Find("echo hello\n"));
    }
}
