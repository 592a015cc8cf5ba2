using Homelab.Testing;

namespace Homelab.Release.Tests;

/// <summary>
/// Runs <c>scripts/release.sh</c> once per test run, amd64 only (HOMELAB_RELEASE_ARCHES), into a
/// temporary directory, so every test reads the same artefacts.
/// </summary>
public sealed class ReleaseBuild : IDisposable
{
    public const string Version = "9.8.7";

    public ReleaseBuild()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("hl-release-").FullName;
        Result = ProcessRunner.Run("bash", [RepositoryRoot.Combine("scripts", "release.sh"), Version], RepositoryRoot.Path,
            new Dictionary<string, string?>
            {
                ["HOMELAB_RELEASE_ARCHES"] = "amd64",
                ["HOMELAB_RELEASE_DIR"] = Directory,
            },
            TimeSpan.FromMinutes(25));
    }

    public string Directory { get; }

    public ProcessResult Result { get; }

    public string File(string suffix) => Path.Combine(Directory, $"terraform-provider-homelab_{Version}_{suffix}");

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
