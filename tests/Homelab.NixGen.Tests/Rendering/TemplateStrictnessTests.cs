using Homelab.NixGen.Rendering;
using Scriban.Runtime;
using Scriban.Syntax;
using Homelab.Testing;

namespace Homelab.NixGen.Tests.Rendering;

[Trait(Tier.Name, Tier.Unit)]
public sealed class TemplateStrictnessTests
{
    [Fact]
    public void Unknown_variable_is_an_error()
    {
        var model = new ScriptObject { ["hostname"] = "atlas" };

        Assert.ThrowsAny<ScriptRuntimeException>(() => HostRenderer.RenderTemplate("t.nix.sbn", "x = {{ hostnme }};", model));
    }

    [Fact]
    public void Unknown_member_is_an_error()
    {
        var model = new ScriptObject { ["incus"] = new ScriptObject { ["bridge"] = "incusbr0" } };

        Assert.ThrowsAny<ScriptRuntimeException>(() => HostRenderer.RenderTemplate("t.nix.sbn", "x = {{ incus.brige }};", model));
    }

    [Fact]
    public void Every_printed_string_is_escaped_and_quoted()
    {
        var model = new ScriptObject { ["value"] = "a\"${b}\\\nc" };

        var text = HostRenderer.RenderTemplate("t.nix.sbn", "x = {{ value }};", model);

        Assert.Equal("x = \"a\\\"\\${b}\\\\\\nc\";\n", text);
    }

    [Fact]
    public void Output_has_lf_endings_no_trailing_spaces_and_one_final_newline()
    {
        var text = HostRenderer.RenderTemplate("t.nix.sbn", "a = 1;   \r\nb = {{ true }};\n\n\n", new ScriptObject());

        Assert.Equal("a = 1;\nb = true;\n", text);
    }
}
