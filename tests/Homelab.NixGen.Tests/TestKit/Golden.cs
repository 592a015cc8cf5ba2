namespace Homelab.NixGen.Tests.TestKit;

/// <summary>
/// Golden files (<see cref="RepoPaths.GoldenFile"/>: Golden/ or a committed example). They are
/// rewritten only when UPDATE_GOLDEN=1, and the change is then reviewed in the diff like any other code.
/// </summary>
internal static class Golden
{
    public static bool Updating => Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

    public static void AssertMatches(string path, string actual)
    {
        if (Updating)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"golden file {path} is missing; run the tests with UPDATE_GOLDEN=1 and review the new file");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
