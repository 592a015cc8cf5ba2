using Homelab.NixGen.Rendering;
using Homelab.NixGen.Tests.TestKit;
using Homelab.Testing;
using System.Text.Json;

namespace Homelab.NixGen.Tests.Rendering;

[Trait(Tier.Name, Tier.Host)]
public sealed class NixTests
{
    public static TheoryData<string, string> Escapes => new()
    {
        { "plain", "\"plain\"" },
        { "", "\"\"" },
        { "a\"b", "\"a\\\"b\"" },
        { "back\\slash", "\"back\\\\slash\"" },
        { "${HOME}", "\"\\${HOME}\"" },
        { "$HOME and $ {x}", "\"$HOME and $ {x}\"" },
        { "$${x}", "\"$\\${x}\"" },
        { "two\nlines\r\n\tend", "\"two\\nlines\\r\\n\\tend\"" },
        { "''${x}''", "\"''\\${x}''\"" },
        { "trailing $", "\"trailing $\"" },
        { "trailing \\", "\"trailing \\\\\"" },
    };

    [Theory]
    [MemberData(nameof(Escapes))]
    public void String_escapes_backslash_quote_interpolation_and_newlines(string value, string expected)
    {
        Assert.Equal(expected, Nix.String(value));
    }

    [Fact]
    public void Real_nix_reads_every_escaped_string_back_unchanged()
    {
        string[] values =
        [
            "plain", "", "a\"b", "back\\slash", "${HOME}", "$${x}", "$$", "$", "\\$", "\\${x}", "two\nlines\r\n\tend",
            "''${x}''", "trailing \\", "unicode: grüße ✓", "${a}${b}$}{", "\"${\"}\"",
        ];
        using var scratch = new TempDir();
        foreach (var value in values)
        {
            var file = scratch.Write("expr.nix", Nix.String(value) + "\n");

            var result = ProcessRunner.Run("nix-instantiate", ["--eval", "--json", file], null, NixInstantiate.Environment(scratch));

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Equal(value, JsonDocument.Parse(result.Stdout).RootElement.GetString());
        }
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("with-dash_and'quote", "with-dash_and'quote")]
    [InlineData("core.https_address", "\"core.https_address\"")]
    [InlineData("failure-notify@", "\"failure-notify@\"")]
    [InlineData("1host", "\"1host\"")]
    [InlineData("rec", "\"rec\"")]
    [InlineData("homelab:owner", "\"homelab:owner\"")]
    [InlineData("local/root", "\"local/root\"")]
    public void Attribute_names_are_bare_only_when_they_are_identifiers(string name, string expected)
    {
        Assert.Equal(expected, Nix.AttrName(name));
    }

    [Fact]
    public void Lists_quote_every_item()
    {
        Assert.Equal("[ \"a\" \"b\\\"c\" ]", Nix.List(["a", "b\"c"]));
        Assert.Equal("[ ]", Nix.List([]));
    }

    [Fact]
    public void Printing_an_unsupported_value_is_a_bug_not_silent_output()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Nix.Literal(new object()));
        Assert.StartsWith("nixgen bug:", error.Message, StringComparison.Ordinal);
    }
}
