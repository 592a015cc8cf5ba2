namespace Homelab.NixGen.Tests.TestKit;

/// <summary>Locates files in the source tree (golden files are read from and written to the sources).</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string TestProject => Path.Combine(Root, "tests", "Homelab.NixGen.Tests");

    public static string Cases => Path.Combine(TestProject, "Cases");

    public static string Golden => Path.Combine(TestProject, "Golden");

    public static string Examples => Path.Combine(Root, "examples", "nixgen");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Homelab.Providers.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("cannot find the repository root (Homelab.Providers.sln) above " + AppContext.BaseDirectory);
    }
}
