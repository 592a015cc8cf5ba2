using Homelab.Testing;
using Homelab.Provider.Docs.Tests.TestKit;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Docs.Tests;

/// <summary><c>generate</c> owns index.md, resources/ and data-sources/; <c>--check</c> names every difference.</summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class DocsTreeTests : IDisposable
{
    private readonly TempDir _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void CheckNamesChangedNewAndStalePagesAndGenerateFixesThem()
    {
        Assert.Equal(0, Run(check: false, out _));
        File.AppendAllText(_root.Combine("docs", "index.md"), "hand edit\n");
        File.Delete(_root.Combine("docs", "resources", "thing.md"));
        _root.Write("docs/resources/removed.md", "old page\n");
        _root.Write("docs/guides/getting-started.md", "written by hand\n");

        Assert.Equal(1, Run(check: true, out var stderr));
        Assert.Contains("changed docs/index.md", stderr, StringComparison.Ordinal);
        Assert.Contains("new     docs/resources/thing.md", stderr, StringComparison.Ordinal);
        Assert.Contains("stale   docs/resources/removed.md", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("guides", stderr, StringComparison.Ordinal);

        Assert.Equal(0, Run(check: false, out _));
        Assert.Equal(0, Run(check: true, out _));
        Assert.False(File.Exists(_root.Combine("docs", "resources", "removed.md")));
        Assert.Equal("written by hand\n", File.ReadAllText(_root.Combine("docs", "guides", "getting-started.md")));
    }

    private int Run(bool check, out string stderr)
    {
        var provider = new FakeProvider(
            new Block { Description = "Fake." },
            [new FakeResource("fake_thing", new Block
            {
                Description = "A thing.",
                Attributes = [new SchemaAttribute("name", TfType.String, "Name.") { Required = true }],
            })]);
        var err = new StringWriter();
        var exit = DocsCommand.Run(provider, _root.Combine("examples"), _root.Combine("docs"), check, new StringWriter(), err);
        stderr = err.ToString();
        return exit;
    }
}
