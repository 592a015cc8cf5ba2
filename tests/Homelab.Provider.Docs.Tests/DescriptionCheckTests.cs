using Homelab.Testing;
using Homelab.Provider.Docs.Tests.TestKit;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Docs.Tests;

/// <summary>An attribute that would show nothing on hover stops the generator, naming where it is.</summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class DescriptionCheckTests
{
    private static readonly Block Documented = new()
    {
        Description = "A documented thing.",
        Attributes = [new SchemaAttribute("name", TfType.String, "The name.") { Required = true }],
    };

    public static TheoryData<string, string> EmptyDescriptions => new()
    {
        { "provider", "provider fake: attribute token has an empty description" },
        { "resource", "resource fake_thing: attribute size has an empty description" },
        { "resource-markup-only", "resource fake_thing: attribute size has an empty description" },
        { "nested-block", "resource fake_thing: attribute target.host has an empty description" },
        { "nested-block-itself", "resource fake_thing: block target has an empty description" },
        { "nested-attribute", "resource fake_thing: attribute rules.action has an empty description" },
        { "data-source", "data source fake_info: attribute health has an empty description" },
        { "resource-itself", "resource fake_thing: has an empty description" },
    };

    [Theory]
    [MemberData(nameof(EmptyDescriptions))]
    public void AnEmptyDescriptionIsReportedWithItsPath(string where, string expected)
    {
        var provider = ProviderWithAGap(where);

        var result = DocsGenerator.Generate(provider, new ExampleFiles("/nonexistent"));

        Assert.Equal([expected], result.Problems);
    }

    [Fact]
    public void AFullyDocumentedProviderHasNoProblems()
    {
        var provider = new FakeProvider(Documented, [new FakeResource("fake_thing", Documented)], [new FakeDataSource("fake_info", Documented)]);

        var result = DocsGenerator.Generate(provider, new ExampleFiles("/nonexistent"));

        Assert.Empty(result.Problems);
    }

    [Fact]
    public void TheCommandExitsNonZeroListsTheGapsAndWritesNothing()
    {
        using var temp = new TempDir();
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = DocsCommand.Run(ProviderWithAGap("nested-block"), temp.Combine("examples"), temp.Combine("docs"), check: false, stdout, stderr);

        Assert.Equal(1, exit);
        Assert.Contains("resource fake_thing: attribute target.host has an empty description", stderr.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("docs")));
    }

    private static FakeProvider ProviderWithAGap(string where)
    {
        var blank = where == "resource-markup-only" ? " `` " : "";
        var provider = new Block
        {
            Description = "Fake.",
            Attributes = [new SchemaAttribute("token", TfType.String, where == "provider" ? "" : "A token.") { Optional = true }],
        };
        var resource = new Block
        {
            Description = where == "resource-itself" ? "  " : "A thing.",
            Attributes =
            [
                new SchemaAttribute("size", TfType.Number, where.StartsWith("resource-markup", StringComparison.Ordinal) || where == "resource" ? blank : "Size.") { Optional = true },
                new SchemaAttribute("rules", new NestedAttributes(NestingMode.List,
                [
                    new SchemaAttribute("action", TfType.String, where == "nested-attribute" ? "" : "What to do.") { Required = true },
                ]), "Rules.") { Optional = true },
            ],
            Blocks =
            [
                new NestedBlock("target", new Block
                {
                    Description = where == "nested-block-itself" ? "" : "Where to.",
                    Attributes = [new SchemaAttribute("host", TfType.String, where == "nested-block" ? "" : "Host name.") { Required = true }],
                }, NestingMode.List),
            ],
        };
        var dataSource = new Block
        {
            Description = "Info.",
            Attributes = [new SchemaAttribute("health", TfType.String, where == "data-source" ? "" : "Health.") { Computed = true }],
        };
        return new FakeProvider(provider, [new FakeResource("fake_thing", resource)], [new FakeDataSource("fake_info", dataSource)]);
    }
}
