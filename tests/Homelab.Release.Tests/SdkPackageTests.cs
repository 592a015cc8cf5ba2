using System.Text.Json;
using Homelab.Testing;

namespace Homelab.Release.Tests;

/// <summary>
/// The framework as a product of its own: scripts/pack-framework.sh packs it, and the sample
/// provider (provider/Sample.Provider), copied out of the repository so no repository build file
/// can reach it, builds from that package alone and works under the real terraform: apply, empty
/// second plan, a data source, drift, import, destroy.
/// </summary>
[Trait(Tier.Name, Tier.Acceptance)]
public sealed class SdkPackageTests : IDisposable
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);
    private readonly TempDir _dir = new("hl-sdk-");

    [Fact]
    public void The_sample_provider_builds_from_the_package_alone_and_runs_under_terraform()
    {
        // A version no earlier run has put into the NuGet cache: restore must take this package.
        var version = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        var feed = _dir.Combine("feed");
        var pack = ProcessRunner.Run(RepositoryRoot.Combine("scripts", "pack-framework.sh"), [version, feed], RepositoryRoot.Path, timeout: BuildTimeout);
        Assert.True(pack.ExitCode == 0, pack.ToString());
        var package = pack.Stdout.Trim();
        Assert.Equal(Path.Combine(feed, $"Homelab.Provider.Framework.{version}.nupkg"), package);

        var sample = _dir.Combine("sample");
        CopyDirectory(RepositoryRoot.Combine("provider", "Sample.Provider"), sample);
        Assert.DoesNotContain("ProjectReference", File.ReadAllText(Path.Combine(sample, "Sample.Provider.csproj")), StringComparison.Ordinal);
        var publishDir = _dir.Combine("publish");
        var publish = ProcessRunner.Run("dotnet",
            ["publish", "-c", "Release", "--nologo", "-p:PublishAot=false", $"-p:FrameworkVersion={version}", $"-p:RestoreAdditionalProjectSources={feed}", "-o", publishDir],
            sample, timeout: BuildTimeout);
        Assert.True(publish.ExitCode == 0, publish.ToString());

        // The framework came in as that package, not as a project.
        using (var assets = JsonDocument.Parse(File.ReadAllText(Path.Combine(sample, "obj", "project.assets.json"))))
        {
            var library = assets.RootElement.GetProperty("libraries").GetProperty($"Homelab.Provider.Framework/{version}");
            Assert.Equal("package", library.GetProperty("type").GetString());
        }

        var files = _dir.Combine("files");
        using var tf = TerraformWorkspace.Create(publishDir, "example.com/example/example", "example");
        tf.Environment["EXAMPLE_DIR"] = files;
        tf.WriteConfig("""
            resource "example_file" "greeting" {
              name    = "greeting.txt"
              content = "hello\nworld"
            }

            data "example_file" "read_back" {
              name = example_file.greeting.name
            }

            output "sha" {
              value = data.example_file.read_back.sha256
            }
            """);

        tf.Apply();

        Assert.Equal("hello\nworld", File.ReadAllText(Path.Combine(files, "greeting.txt")));
        var values = tf.ResourceValues("example_file.greeting")!.Value;
        const string Sha = "26c60a61d01db5836ca70fefd44a6a016620413c8ef5f259a6c5612d4f79d3b8";
        Assert.Equal(Sha, values.GetProperty("sha256").GetString());
        Assert.Contains(Sha, tf.Run("output", "-raw", "sha").Stdout, StringComparison.Ordinal);

        // Drift: the file changed behind terraform's back; the next plan puts it back.
        File.WriteAllText(Path.Combine(files, "greeting.txt"), "changed");
        tf.PlanExpectChanges();
        tf.Apply();
        Assert.Equal("hello\nworld", File.ReadAllText(Path.Combine(files, "greeting.txt")));

        // Import: forget the resource, take it back by name; the plan after is empty.
        Assert.Equal(0, tf.Run("state", "rm", "example_file.greeting").ExitCode);
        tf.Import("example_file.greeting", "greeting.txt");

        // A bad name is refused at plan, on the attribute, before anything is written.
        tf.Destroy();
        Assert.False(File.Exists(Path.Combine(files, "greeting.txt")));
        tf.WriteConfig("""
            resource "example_file" "bad" {
              name    = "../escape"
              content = "x"
            }
            """);
        var refused = tf.ApplyExpectError();
        Assert.Contains("\"../escape\" is not valid: Use 1-64 letters", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("on main.tf line", refused.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.Combine("escape")));
    }

    public void Dispose() => _dir.Dispose();

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.Split(Path.DirectorySeparatorChar)[0] is "bin" or "obj")
            {
                continue;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(to, relative))!);
            File.Copy(file, Path.Combine(to, relative));
        }
    }
}
