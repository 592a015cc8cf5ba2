namespace Homelab.Testing;

/// <summary>Finds the repository checkout the tests run from (the folder holding Homelab.Providers.sln).</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Homelab.Providers.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Cannot find Homelab.Providers.sln above " + AppContext.BaseDirectory);
    });

    public static string Path => Root.Value;

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Root.Value, .. parts]);
}
