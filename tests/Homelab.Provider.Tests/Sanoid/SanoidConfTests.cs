using Homelab.Provider.Sanoid;

namespace Homelab.Provider.Tests.Sanoid;

[Trait(Tier.Name, Tier.Unit)]
public sealed class SanoidConfTests
{
    private static SanoidPolicy Policy(string name, params string[] datasets) => new()
    {
        Name = name,
        Description = "keep 24h / 30d",
        Datasets = datasets,
        Recursive = "zfs",
        SkipChildren = null,
        TemplateKeys = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["hourly"] = "24", ["daily"] = "30", ["autoprune"] = "yes", ["hourly_warn"] = "90m" },
    };

    [Fact]
    public void A_rendered_block_parses_back_to_the_same_policy()
    {
        var policy = Policy("persistent", "rpool/home", "rpool/persistent");
        var block = SanoidConf.RenderBlock(policy);
        Assert.Contains("[template_homelab_persistent]\n", block, StringComparison.Ordinal);
        Assert.Contains("[rpool/home]\nuse_template = homelab_persistent\nrecursive = zfs\n", block, StringComparison.Ordinal);
        var parsed = SanoidConf.ParseBlock("persistent", block);
        Assert.NotNull(parsed);
        Assert.True(policy.Equivalent(parsed), block);
    }

    [Fact]
    public void Splicing_keeps_hand_written_text_and_other_blocks_byte_for_byte()
    {
        const string Hand = "# my own\n[tank/media]\nuse_template = media\n\n[template_media]\nhourly = 2\n";
        var a = SanoidConf.RenderBlock(Policy("a", "rpool/a"));
        var b = SanoidConf.RenderBlock(Policy("b", "rpool/b"));
        var withA = SanoidConf.Splice(Hand, "a", a)!;
        var withAb = SanoidConf.Splice(withA, "b", b)!;
        Assert.StartsWith(Hand, withAb, StringComparison.Ordinal);
        Assert.Equal(a, SanoidConf.FindBlock(withAb, "a"));
        Assert.Equal(b, SanoidConf.FindBlock(withAb, "b"));
        Assert.Equal(["a", "b"], SanoidConf.BlockNames(withAb));

        var changedA = SanoidConf.RenderBlock(Policy("a", "rpool/a", "rpool/a2"));
        var replaced = SanoidConf.Splice(withAb, "a", changedA)!;
        Assert.Equal(changedA, SanoidConf.FindBlock(replaced, "a"));
        Assert.Equal(b, SanoidConf.FindBlock(replaced, "b"));

        var removed = SanoidConf.Splice(SanoidConf.Splice(replaced, "a", null), "b", null);
        Assert.Equal(Hand, removed);
    }

    [Fact]
    public void Removing_the_last_section_removes_the_file()
    {
        var only = SanoidConf.Splice(null, "a", SanoidConf.RenderBlock(Policy("a", "rpool/a")));
        Assert.Null(SanoidConf.Splice(only, "a", null));
    }

    [Fact]
    public void A_hand_edit_inside_a_block_changes_what_is_parsed()
    {
        var block = SanoidConf.RenderBlock(Policy("p", "rpool/p"));
        var edited = block.Replace("hourly = 24", "hourly = 12", StringComparison.Ordinal);
        var parsed = SanoidConf.ParseBlock("p", edited)!;
        Assert.Equal("12", parsed.TemplateKeys["hourly"]);
        var noTemplate = block.Replace("[template_homelab_p]", "[template_other]", StringComparison.Ordinal);
        Assert.Null(SanoidConf.ParseBlock("p", noTemplate));
    }

    [Fact]
    public void A_block_whose_end_marker_was_deleted_ends_before_the_next_block()
    {
        var a = SanoidConf.RenderBlock(Policy("a", "rpool/a"));
        var b = SanoidConf.RenderBlock(Policy("b", "rpool/b"));
        var content = a.Replace("# END homelab_sanoid_policy a\n", "", StringComparison.Ordinal) + b;
        Assert.DoesNotContain("[rpool/b]", SanoidConf.FindBlock(content, "a"), StringComparison.Ordinal);
        Assert.Equal(b, SanoidConf.FindBlock(content, "b"));
    }

    [Theory]
    [InlineData("/usr/local/bin/pre-snap", true)]
    [InlineData("/opt/hooks/db_flush.sh", true)]
    [InlineData("relative/script", false)]
    [InlineData("/bin/echo hi", false)]
    [InlineData("/bin/true; rm -rf /", false)]
    [InlineData("/bin/$(id)", false)]
    [InlineData("/bin/`id`", false)]
    [InlineData("/bin/a|b", false)]
    [InlineData("/bin/../etc/x", false)]
    public void Hooks_are_plain_absolute_paths(string hook, bool ok)
    {
        Assert.Equal(ok, SanoidValues.CheckHook(hook) is null);
    }

    [Theory]
    [InlineData("rpool", true)]
    [InlineData("rpool/persistent", true)]
    [InlineData("rpool/a]\n[evil", false)]
    [InlineData("rpool/a b", false)]
    [InlineData("rpool/-x", false)]
    [InlineData("rpool/$(id)", false)]
    [InlineData("rpool/x@snap", false)]
    [InlineData("", false)]
    public void Dataset_names_cannot_break_out_of_a_section_header(string name, bool ok)
    {
        Assert.Equal(ok, SanoidValues.CheckDataset(name) is null);
    }

    [Fact]
    public void Keys_of_a_defaults_file_come_from_template_default()
    {
        var keys = SanoidDefaults.ParseKeys(File.ReadAllText("/usr/share/sanoid/sanoid.defaults.conf"));
        Assert.Contains("hourly", keys);
        Assert.Contains("pre_snapshot_script", keys);
        Assert.DoesNotContain("version", keys);
    }
}
