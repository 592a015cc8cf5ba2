using Homelab.Testing;

namespace Homelab.Provider.Docs.Tests;

[Trait(Tier.Name, Tier.Unit)]
public sealed class MarkdownTests
{
    public static TheoryData<string, string> PlainText => new()
    {
        { "Use `zfs_name` here.", "Use zfs_name here." },
        { "A **bold** and *light* word; `a*b*c` stays.", "A bold and light word; a*b*c stays." },
        { "See [ntfy](https://ntfy.sh) docs.", "See ntfy docs." },
        { "Pattern `tank/*` and snake_case_name.", "Pattern tank/* and snake_case_name." },
        { "two\n\nparagraphs", "two paragraphs" },
        { " `` ", "" },
    };

    [Theory]
    [MemberData(nameof(PlainText))]
    public void PlainTextDropsMarkupButKeepsCodeAndNames(string markdown, string expected)
    {
        Assert.Equal(expected, Markdown.ToPlainText(markdown));
    }

    public static TheoryData<string, string, string> Sentences => new()
    {
        { "No stop", "Next.", "No stop. Next." },
        { "Stop.", "Next.", "Stop. Next." },
        { "Items:\n- one", "Next.", "Items:\n- one\n\nNext." },
        { "", "Next.", "Next." },
    };

    [Theory]
    [MemberData(nameof(Sentences))]
    public void AppendSentenceEndsTheTextFirst(string text, string sentence, string expected)
    {
        Assert.Equal(expected, Markdown.AppendSentence(text, sentence));
    }

    [Fact]
    public void HclStringEscapesQuotesAndTemplates()
    {
        Assert.Equal("\"a\\\"b\\\\c $${x} %%{y} $z\"", Markdown.HclString("a\"b\\c ${x} %{y} $z"));
    }
}
