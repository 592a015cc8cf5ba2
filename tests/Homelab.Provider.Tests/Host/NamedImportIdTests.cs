using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Host;

namespace Homelab.Provider.Tests.Host;

[Trait(Tier.Name, Tier.Unit)]
public sealed class NamedImportIdTests
{
    private static readonly HostRegistry Registry = new(
        [new RemoteSettings { Name = "local" }, new RemoteSettings { Name = "atlas" }], "local");

    private static bool IsValid(string name) => name.Length > 0 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_');

    [Theory]
    [InlineData("offsite", null, "offsite")]
    [InlineData("atlas:offsite", "atlas", "offsite")]
    [InlineData("local:a_b-1", "local", "a_b-1")]
    public void Valid_ids_split_into_remote_and_name(string id, string? remote, string name)
    {
        var diags = new DiagnosticBag();
        Assert.True(NamedImportId.TryParse(id, Registry, IsValid, "job name", "offsite", diags, out var r, out var n));
        Assert.Equal(remote, r);
        Assert.Equal(name, n);
        Assert.Empty(diags);
    }

    [Fact]
    public void An_unknown_remote_is_an_error_that_states_the_grammar()
    {
        var diags = new DiagnosticBag();
        Assert.False(NamedImportId.TryParse("nowhere:offsite", Registry, IsValid, "job name", "offsite", diags, out _, out _));
        var d = Assert.Single(diags);
        Assert.Equal("Invalid import id", d.Summary);
        Assert.Contains("nowhere", d.Detail, StringComparison.Ordinal);
        Assert.Contains("`[<remote>:]<job name>`", d.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Bad Name")]
    [InlineData("atlas:")]
    [InlineData("a:b:c")]
    [InlineData("x\ny")]
    public void An_invalid_name_is_an_error_with_the_id_printed_safely(string id)
    {
        var diags = new DiagnosticBag();
        var remoteKnown = !id.StartsWith("a:", StringComparison.Ordinal);
        Assert.False(NamedImportId.TryParse(id, Registry, IsValid, "alert name", "phone", diags, out _, out _));
        var d = Assert.Single(diags);
        Assert.DoesNotContain("\n", d.Detail, StringComparison.Ordinal);
        Assert.Contains(remoteKnown ? "is not a valid id" : "`[<remote>:]<alert name>`", d.Detail, StringComparison.Ordinal);
    }
}
