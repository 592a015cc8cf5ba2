using Homelab.Testing;

namespace Homelab.Provider.Docs.Tests;

/// <summary>
/// The repository stands alone: code, docs, generated Nix and scripts never point at the team's
/// notes outside it (what they need lives in docs/design/). The forbidden names are assembled at
/// run time so this file does not match itself.
/// </summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class RepositoryStandsAloneTests
{
    private static readonly string[] Forbidden =
    [
        "DESIGN" + ".md", "NIXOS" + ".md", "PROTOCOL" + ".md", "HOUSE-STYLE" + ".md",
        "../" + "shared", "/work/" + "shared", "shared/" + "reference", "shared/" + "bench",
    ];

    private static readonly string[] Roots = ["provider", "nixgen", "docs", "examples", "scripts", "tests", ".ci"];

    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal) { "bin", "obj", ".terraform" };

    [Fact]
    public void No_file_cites_notes_outside_the_repository()
    {
        var hits = new List<string>();
        foreach (var file in Roots.SelectMany(r => Files(RepositoryRoot.Combine(r))).Append(RepositoryRoot.Combine("README.md")))
        {
            var text = File.ReadAllText(file);
            foreach (var name in Forbidden.Where(n => text.Contains(n, StringComparison.Ordinal)))
            {
                hits.Add($"{Path.GetRelativePath(RepositoryRoot.Path, file)}: {name}");
            }
        }

        Assert.True(hits.Count == 0, "Files citing notes outside the repository (put what they need in docs/design/):\n" + string.Join("\n", hits));
    }

    private static IEnumerable<string> Files(string dir)
    {
        if (!Directory.Exists(dir))
        {
            yield break;
        }
        foreach (var file in Directory.EnumerateFiles(dir))
        {
            yield return file;
        }
        foreach (var sub in Directory.EnumerateDirectories(dir).Where(d => !Skipped.Contains(Path.GetFileName(d))))
        {
            foreach (var file in Files(sub))
            {
                yield return file;
            }
        }
    }
}
