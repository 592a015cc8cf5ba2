using System.Security.Cryptography;
using System.Text;

namespace Homelab.Testing;

/// <summary>
/// Publishes a provider once per source state (Native AOT, as users get it) into
/// artifacts/test-providers/&lt;name&gt;/, shared by every test process through a file lock and a
/// source-hash stamp. HOMELAB_PROVIDER_DIR points at an already-published homelab provider instead.
/// </summary>
public static class ProviderBuild
{
    private static readonly Lazy<string> HomelabDir = new(() =>
        Environment.GetEnvironmentVariable("HOMELAB_PROVIDER_DIR") is { Length: > 0 } dir
            ? dir
            : Publish("homelab", "provider/Homelab.Provider/Homelab.Provider.csproj", ["provider"]));

    private static readonly Lazy<string> TestProviderDir = new(() =>
        Publish("testfw", "tests/Homelab.TestProvider/Homelab.TestProvider.csproj", ["provider/Homelab.Provider.Framework", "tests/Homelab.TestProvider"]));

    /// <summary>Directory holding the published <c>terraform-provider-homelab</c>.</summary>
    public static string Homelab => HomelabDir.Value;

    /// <summary>Directory holding <c>terraform-provider-testfw</c>, the framework's test provider.</summary>
    public static string TestProvider => TestProviderDir.Value;

    private static string Publish(string name, string project, string[] sourceDirs)
    {
        var outDir = RepositoryRoot.Combine("artifacts", "test-providers", name);
        var stamp = Path.Combine(outDir, ".source-hash");
        var hash = SourceHash(sourceDirs);
        Directory.CreateDirectory(Path.GetDirectoryName(outDir)!);
        using var gate = AcquireLock(outDir + ".lock");
        if (File.Exists(stamp) && File.ReadAllText(stamp) == hash)
        {
            return outDir;
        }
        // Publish beside, then swap in: a test of another process that still runs the previous
        // binary keeps a complete directory until the rename.
        var staging = outDir + ".staging";
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }
        var result = ProcessRunner.Run("dotnet",
            ["publish", RepositoryRoot.Combine(project), "-c", "Release", "-r", "linux-x64", "-o", staging, "-nologo", "-v", "quiet"],
            RepositoryRoot.Path, timeout: TimeSpan.FromMinutes(15));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"Publishing {project} failed:\n{result}");
        }
        File.WriteAllText(Path.Combine(staging, ".source-hash"), hash);
        if (Directory.Exists(outDir))
        {
            Directory.Delete(outDir, recursive: true);
        }
        Directory.Move(staging, outDir);
        return outDir;
    }

    private static string SourceHash(string[] dirs)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var dir in dirs)
        {
            var full = RepositoryRoot.Combine(dir);
            foreach (var file in Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories)
                .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal))
            {
                sha.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(full, file)));
                sha.AppendData(File.ReadAllBytes(file));
            }
        }
        foreach (var shared in new[] { "Directory.Build.props", "Directory.Packages.props" })
        {
            sha.AppendData(File.ReadAllBytes(RepositoryRoot.Combine(shared)));
        }
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    private static FileStream AcquireLock(string path)
    {
        var deadline = DateTime.UtcNow.AddMinutes(20);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(500);
            }
        }
    }
}
