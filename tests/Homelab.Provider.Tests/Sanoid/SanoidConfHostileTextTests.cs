using Homelab.Provider.Sanoid;

namespace Homelab.Provider.Tests.Sanoid;

/// <summary>
/// The sanoid.conf encoder against hostile text: every free-text value it writes (the description
/// comment, template values) is either refused by the plan-time check and by the encoder, or
/// written and parsed back equal.
/// </summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class SanoidConfHostileTextTests
{
    /// <summary>Text that must never reach the file: it would end the line, vanish or hide what follows.</summary>
    public static TheoryData<string> Refused => new()
    {
        "a\nb", "a\rb", "a\0b", "a\tb", "a\u0085b", "a\u2028b", "a\u2029b", "\uFEFFa", "a\uFEFFb", "a\u202Eb", "a\u200Bb",
        " a", "a ", "<<EOT", "a\uD800b",
        "x\n# END homelab_sanoid_policy p\n[rpool/evil]\nuse_template = homelab_p",
    };

    /// <summary>Text that looks like INI syntax but is kept as written.</summary>
    public static TheoryData<string> Kept => new()
    {
        "a\\", "\\", "100%", "%n %% %", "a # b", "# a", "a ; b", "; a", "a = b", "=", "[a]", "[rpool/evil]", "a]", "\"quoted\"", "'single'",
        "päivä ☃ 🚀", "a\\nb", "$(id) `id`", "<a", "a<<b",
    };

    private static SanoidPolicy Policy(string? description, string value, string name = "p") => new()
    {
        Name = name,
        Description = description,
        Datasets = ["rpool/" + name],
        TemplateKeys = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["hourly"] = "24", ["prune_defer"] = value },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Line_breaking_or_invisible_text_is_refused_at_plan_and_by_the_encoder(string text)
    {
        Assert.NotNull(SanoidValues.CheckValue(text));
        Assert.Throws<ArgumentException>(() => SanoidConf.RenderBlock(Policy(text, "1")));
        Assert.Throws<ArgumentException>(() => SanoidConf.RenderBlock(Policy(null, text)));
    }

    [Theory]
    [MemberData(nameof(Kept))]
    public void Ini_syntax_in_a_value_or_the_description_is_written_and_read_back_equal(string text)
    {
        Assert.Null(SanoidValues.CheckValue(text));
        var policy = Policy(text, text);
        var block = SanoidConf.RenderBlock(policy);
        var parsed = SanoidConf.ParseBlock("p", block);
        Assert.NotNull(parsed);
        Assert.Equal(text, parsed.Description);
        Assert.Equal(text, parsed.TemplateKeys["prune_defer"]);
        Assert.True(policy.Equivalent(parsed), block);
        // Spliced into a file between other blocks, it is still exactly one block with one module section.
        var file = SanoidConf.Splice(SanoidConf.Splice("[template_hand]\nhourly = 1\n", "p", block), "q", SanoidConf.RenderBlock(Policy(text, text, "q")));
        Assert.Equal(block, SanoidConf.FindBlock(file, "p"));
        Assert.Equal(["p", "q"], SanoidConf.BlockNames(file));
        Assert.Equal(["template_hand", "template_homelab_p", "rpool/p", "template_homelab_q", "rpool/q"], IniSection.Parse(file!).Select(s => s.Name));
    }
}
