namespace Homelab.Provider.Docs;

/// <summary>
/// The generated part of docs/: index.md plus every page under resources/, data-sources/ and functions/.
/// Other folders (guides/, design/) are written by hand and never touched.
/// </summary>
internal sealed class DocsTree(string docsDir)
{
    private static readonly string[] OwnedFolders = ["resources", "data-sources", "functions"];

    /// <summary>Paths that would change: "changed x", "new x" or "stale x" (a page no schema produces).</summary>
    public IReadOnlyList<string> Compare(IReadOnlyDictionary<string, string> files)
    {
        var differences = new List<string>();
        foreach (var (path, content) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var full = Full(path);
            if (!File.Exists(full))
            {
                differences.Add("new     docs/" + path);
            }
            else if (File.ReadAllText(full) != content)
            {
                differences.Add("changed docs/" + path);
            }
        }
        foreach (var stale in StaleFiles(files))
        {
            differences.Add("stale   docs/" + stale);
        }
        return differences;
    }

    public void Write(IReadOnlyDictionary<string, string> files)
    {
        foreach (var stale in StaleFiles(files))
        {
            File.Delete(Full(stale));
        }
        foreach (var (path, content) in files)
        {
            var full = Full(path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            if (!File.Exists(full) || File.ReadAllText(full) != content)
            {
                File.WriteAllText(full, content);
            }
        }
    }

    private IEnumerable<string> StaleFiles(IReadOnlyDictionary<string, string> files)
    {
        foreach (var folder in OwnedFolders)
        {
            var dir = Path.Combine(docsDir, folder);
            if (!Directory.Exists(dir))
            {
                continue;
            }
            foreach (var file in Directory.EnumerateFiles(dir, "*.md").Order(StringComparer.Ordinal))
            {
                var relative = folder + "/" + Path.GetFileName(file);
                if (!files.ContainsKey(relative))
                {
                    yield return relative;
                }
            }
        }
    }

    private string Full(string relative) => Path.Combine(docsDir, relative.Replace('/', Path.DirectorySeparatorChar));
}
