namespace Homelab.Provider.Docs;

/// <summary>
/// <c>generate [--check] [--root DIR]</c>: writes (or, with <c>--check</c>, compares) the registry
/// docs of the homelab provider under DIR/docs, reading examples from DIR/examples. DIR defaults to
/// the checkout holding Homelab.Providers.sln above the current directory.
/// </summary>
internal static class Program
{
    private const string Usage = "usage: Homelab.Provider.Docs generate [--check] [--root <repository root>]";

    public static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] != "generate")
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        var check = false;
        string? root = null;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--check":
                    check = true;
                    break;
                case "--root" when i + 1 < args.Length:
                    root = args[++i];
                    break;
                default:
                    Console.Error.WriteLine($"unknown argument '{args[i]}'\n{Usage}");
                    return 2;
            }
        }
        root ??= FindRepositoryRoot(Environment.CurrentDirectory);
        if (root is null)
        {
            Console.Error.WriteLine("Cannot find Homelab.Providers.sln above the current directory; pass --root.");
            return 2;
        }
        return DocsCommand.Run(LiveProvider.Create(), Path.Combine(root, "examples"), Path.Combine(root, "docs"), check, Console.Out, Console.Error);
    }

    private static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Homelab.Providers.sln")))
            {
                return dir.FullName;
            }
        }
        return null;
    }
}
