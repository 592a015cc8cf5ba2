using Homelab.Provider.Host;

namespace Homelab.Provider.Tests.Host;

[Trait(Tier.Name, Tier.Host)]
public sealed class ShellQuoteTests
{
    public static readonly string[] HostileWords =
    [
        "",
        " ",
        "plain",
        "it's",
        "''",
        "'\\''",
        "a'b'c'",
        "$(touch /tmp/hl-pwned)",
        "`touch /tmp/hl-pwned`",
        "${HOME}",
        "$HOME",
        "; rm -rf /tmp/hl-pwned",
        "a && b || c | d",
        "line1\nline2",
        "\r\n\t",
        "\"double\" \\back\\slash\\",
        "*?[a-z]~",
        "-n",
        "--",
        "!event",
        "<in >out 2>&1",
        "#comment",
        "ünïcødé ✓ 🦀",
        "\\",
        "'",
    ];

    public static TheoryData<string> Hostile => new(HostileWords);

    [Theory]
    [MemberData(nameof(Hostile))]
    public void A_real_posix_shell_sees_exactly_the_original_word(string word)
    {
        var script = ShellQuote.Join(["printf", "%s", word]);
        var (code, stdout, stderr) = ProcessRunner.Run("/bin/sh", "-c", script);
        Assert.True(code == 0, stderr);
        Assert.Equal(word, stdout);
        Assert.False(File.Exists("/tmp/hl-pwned"));
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Bash_and_dash_agree(string word)
    {
        var script = ShellQuote.Join(["printf", "%s|", word, word]);
        Assert.Equal(ProcessRunner.Run("/bin/bash", "-c", script).Stdout, ProcessRunner.Run("/bin/dash", "-c", script).Stdout);
        Assert.Equal(word + "|" + word + "|", ProcessRunner.Run("/bin/bash", "-c", script).Stdout);
    }

    [Fact]
    public void Every_word_is_single_quoted_and_quotes_are_closed_escaped_and_reopened()
    {
        Assert.Equal("'a'\\''b'", ShellQuote.Quote("a'b"));
        Assert.Equal("''", ShellQuote.Quote(""));
        Assert.Equal("'zfs' 'get' '-Hp'", ShellQuote.Join(["zfs", "get", "-Hp"]));
    }

    [Fact]
    public void The_quoted_text_never_contains_an_unquoted_metacharacter()
    {
        var quoted = ShellQuote.Quote("a;b$(c)`d`\ne");
        Assert.StartsWith("'", quoted);
        Assert.EndsWith("'", quoted);
        Assert.DoesNotContain('\'', quoted[1..^1]);
    }

    [Fact]
    public void Nul_and_empty_commands_are_programmer_errors()
    {
        Assert.Throws<ArgumentException>(() => ShellQuote.Quote("a\0b"));
        Assert.Throws<ArgumentException>(() => ShellQuote.Join([]));
    }
}
