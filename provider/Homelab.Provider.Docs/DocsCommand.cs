using Homelab.Provider.Framework.Resources;

namespace Homelab.Provider.Docs;

/// <summary>The <c>generate</c> command: render, then write or compare, and report.</summary>
internal static class DocsCommand
{
    /// <summary>0 when docs were written (or are current with <paramref name="check"/>), 1 otherwise.</summary>
    public static int Run(IProvider provider, string examplesDir, string docsDir, bool check, TextWriter stdout, TextWriter stderr)
    {
        var result = DocsGenerator.Generate(provider, new ExampleFiles(examplesDir));
        if (result.Problems.Count > 0)
        {
            stderr.WriteLine($"docs: {result.Problems.Count} schema problem(s); every attribute and block needs a description:");
            foreach (var p in result.Problems)
            {
                stderr.WriteLine("  " + p);
            }
            return 1;
        }
        foreach (var w in result.Warnings)
        {
            stderr.WriteLine("docs: warning: " + w);
        }
        var tree = new DocsTree(docsDir);
        var differences = tree.Compare(result.Files);
        if (check)
        {
            if (differences.Count == 0)
            {
                stdout.WriteLine($"docs: {result.Files.Count} files up to date.");
                return 0;
            }
            stderr.WriteLine("docs: out of date; run `dotnet run --project provider/Homelab.Provider.Docs -- generate`. Differing files:");
            foreach (var d in differences)
            {
                stderr.WriteLine("  " + d);
            }
            return 1;
        }
        tree.Write(result.Files);
        stdout.WriteLine($"docs: wrote {result.Files.Count} files ({differences.Count} changed).");
        foreach (var d in differences)
        {
            stdout.WriteLine("  " + d);
        }
        return 0;
    }
}
