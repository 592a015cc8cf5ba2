using Homelab.Provider.Docs.Tests.TestKit;
using Homelab.Testing;

namespace Homelab.Provider.Docs.Tests;

/// <summary>docs/ must be what the generator makes from the live schema and examples/ right now.</summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class DocsUpToDateTests
{
    private const string Fix = "docs/ is out of date: run `dotnet run --project provider/Homelab.Provider.Docs -- generate` and commit the result.";

    [Fact]
    public void GeneratedDocsInATempDirMatchTheCommittedDocs()
    {
        using var temp = new TempDir();
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = DocsCommand.Run(LiveProvider.Create(), RepositoryRoot.Combine("examples"), temp.Path, check: false, stdout, stderr);

        Assert.True(exit == 0, "The generator failed:\n" + stderr);
        var differing = new List<string>();
        foreach (var file in Directory.EnumerateFiles(temp.Path, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(temp.Path, file);
            var committed = RepositoryRoot.Combine("docs", relative);
            if (!File.Exists(committed))
            {
                differing.Add("missing docs/" + relative);
            }
            else if (File.ReadAllText(committed) != File.ReadAllText(file))
            {
                differing.Add("differs docs/" + relative);
            }
        }
        Assert.True(differing.Count == 0, Fix + "\n" + string.Join('\n', differing));
    }

    [Fact]
    public void CheckModeFindsNoChangedNewOrStalePage()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = DocsCommand.Run(LiveProvider.Create(), RepositoryRoot.Combine("examples"), RepositoryRoot.Combine("docs"), check: true, stdout, stderr);

        Assert.True(exit == 0, Fix + "\n" + stderr);
    }

    [Fact]
    public void EveryRegisteredResourceHasAPage()
    {
        var provider = LiveProvider.Create();
        Assert.NotEmpty(provider.Resources);
        foreach (var r in provider.Resources)
        {
            var page = RepositoryRoot.Combine("docs", "resources", r.TypeName["homelab_".Length..] + ".md");
            Assert.True(File.Exists(page), $"{r.TypeName} has no page at {page}. " + Fix);
        }
    }
}
