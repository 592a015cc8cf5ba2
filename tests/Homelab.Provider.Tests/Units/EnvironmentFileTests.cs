using Homelab.Provider.Units;

namespace Homelab.Provider.Tests.Units;

/// <summary>
/// The EnvironmentFile= encoder against hostile text: every value it accepts is written so that
/// systemd's env-file grammar reads it back equal; what no environment can hold is refused.
/// </summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class EnvironmentFileTests
{
    public static readonly TheoryData<string> Hostile = new(
    [
        "plain",
        "",
        "new\nline",
        "carriage\rreturn",
        "crlf\r\n",
        "tab\there",
        "trailing backslash \\",
        "\\",
        "back\\slash\\nnot-an-escape",
        "100% %n %%",
        "\"double\" 'single' `tick`",
        "$HOME ${HOME} $(touch /tmp/pwned) \\$",
        "  leading and trailing blanks  ",
        "# not a comment",
        "; not a comment either",
        "key=value=more",
        "next\u0085line \u2028 \u2029",
        "\uFEFFbom at start",
        "rtl \u202Eoverride",
        "ünïcödé 😀",
        "line\\\ncontinuation-looking",
    ]);

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Every_value_reads_back_equal_through_the_systemd_grammar(string value)
    {
        Assert.Null(EnvironmentFile.ValueProblem(value));
        var text = EnvironmentFile.Render(new Dictionary<string, string> { ["KEY"] = value, ["OTHER"] = "after" });
        var parsed = EnvironmentFile.Parse(text);
        Assert.Equal(value, parsed["KEY"]);
        Assert.Equal("after", parsed["OTHER"]);
        Assert.Equal(2, parsed.Count);
    }

    /// <summary>Built in code: attribute data would turn a lone surrogate into U+FFFD before the test sees it.</summary>
    [Fact]
    public void What_no_environment_can_hold_is_refused()
    {
        foreach (var value in new[] { "nul\0inside", "lone " + (char)0xD800 + " high", "lone low " + (char)0xDC00, (char)0xDC00 + "" + (char)0xD800 })
        {
            Assert.NotNull(EnvironmentFile.ValueProblem(value));
            Assert.Throws<ArgumentException>(() => EnvironmentFile.Render(new Dictionary<string, string> { ["KEY"] = value }));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("1ABC")]
    [InlineData("A-B")]
    [InlineData("A B")]
    [InlineData("KEY\n")]
    [InlineData("ÄKEY")]
    public void Invalid_names_are_refused(string key) => Assert.NotNull(EnvironmentFile.KeyProblem(key));

    /// <summary>The grammar written down in docs/design/restic-jobs.md, for files written by hand.</summary>
    public static readonly TheoryData<string, string, string> Grammar = new()
    {
        { "A=plain", "A", "plain" },
        { "  A  =   spaced out   ", "A", "spaced out" },
        { "A='single $HOME \\n \" kept'", "A", "single $HOME \\n \" kept" },
        { "A=\"dq \\\" \\\\ \\` \\$ \\n\"", "A", "dq \" \\ ` $ \\n" },
        { "A=unquoted\\ escape\\$", "A", "unquoted escape$" },
        { "A=con\\\ntinued", "A", "continued" },
        { "A=\"multi\nline\"", "A", "multi\nline" },
        { "A='a'\"b\"c", "A", "abc" },
        { "A=crlf\r\nB=x", "A", "crlf" },
        { "# A=comment\nA=real", "A", "real" },
        { "; A=comment\nA=real", "A", "real" },
        { "A=first\nA=second", "A", "second" },
        { "A=before\0B=after-nul", "A", "before" },
    };

    [Theory]
    [MemberData(nameof(Grammar))]
    public void Hand_written_files_parse_like_systemd(string text, string key, string expected) =>
        Assert.Equal(expected, EnvironmentFile.Parse(text)[key]);

    [Fact]
    public void Lines_without_a_valid_name_are_skipped()
    {
        var parsed = EnvironmentFile.Parse("touch /tmp/x\nexport A=1\nB-C=2\nD=3\n");
        Assert.Equal(["D"], parsed.Keys);
    }
}
