using Homelab.Testing;

namespace Homelab.NixGen.Tests.TestKit;

/// <summary>Locates files in the source tree (golden files are read from and written to the sources).</summary>
internal static class RepoPaths
{
    public static string Root => RepositoryRoot.Path;

    public static string TestProject => Path.Combine(Root, "tests", "Homelab.NixGen.Tests");

    public static string Cases => Path.Combine(TestProject, "Cases");

    public static string Golden => Path.Combine(TestProject, "Golden");

    public static string Examples => Path.Combine(Root, "examples", "nixgen");

    /// <summary>
    /// The host file of a rendering case. The committed examples are cases of their own (their
    /// output is the golden), so a case named like an example reads the example's host.yaml;
    /// other cases live in Cases/.
    /// </summary>
    public static string CaseInput(string name) =>
        IsExample(name) ? Path.Combine(Examples, name, "host.yaml") : Path.Combine(Cases, name + ".yaml");

    /// <summary>Where the golden copy of a case's output file lives: the example itself, or Golden/.</summary>
    public static string GoldenFile(string name, string relativePath) =>
        IsExample(name) ? Path.Combine(Examples, name, relativePath) : Path.Combine(Golden, name, relativePath);

    private static bool IsExample(string name) => File.Exists(Path.Combine(Examples, name, "host.yaml"));
}
