using System.IO.Compression;
using System.Security.Cryptography;
using Homelab.Testing;

namespace Homelab.Release.Tests;

/// <summary>
/// scripts/release.sh builds the registry assets, and terraform installs the amd64 zip from a
/// filesystem mirror with no network (no <c>direct</c> installation method).
/// </summary>
[Trait(Tier.Name, Tier.Acceptance)]
public sealed class ReleaseScriptTests(ReleaseBuild release) : IClassFixture<ReleaseBuild>
{
    private const string BinaryName = "terraform-provider-homelab_v" + ReleaseBuild.Version;

    [Fact]
    public void BuildsTheAmd64ZipTheManifestAndTheChecksumsOnly()
    {
        Assert.True(release.Result.ExitCode == 0, release.Result.ToString());

        var names = Directory.EnumerateFiles(release.Directory).Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(
        [
            $"terraform-provider-homelab_{ReleaseBuild.Version}_SHA256SUMS",
            $"terraform-provider-homelab_{ReleaseBuild.Version}_linux_amd64.zip",
            $"terraform-provider-homelab_{ReleaseBuild.Version}_manifest.json",
        ], names);
    }

    [Fact]
    public void TheManifestIsTheRepositoryManifest()
    {
        Assert.Equal(File.ReadAllText(RepositoryRoot.Combine("terraform-registry-manifest.json")), File.ReadAllText(release.File("manifest.json")));
    }

    [Fact]
    public void ChecksumsCoverTheZipAndTheManifest()
    {
        var lines = File.ReadAllLines(release.File("SHA256SUMS"));

        var expected = new[] { "linux_amd64.zip", "manifest.json" }
            .Select(s => $"{Sha256(release.File(s))}  {Path.GetFileName(release.File(s))}");
        Assert.Equal(expected, lines);
    }

    [Fact]
    public void TheZipHoldsOnlyTheExecutableBinary()
    {
        using var zip = ZipFile.OpenRead(release.File("linux_amd64.zip"));

        var entry = Assert.Single(zip.Entries);
        Assert.Equal(BinaryName, entry.FullName);
        var mode = (UnixFileMode)((entry.ExternalAttributes >> 16) & 0x1FF);
        Assert.True(mode.HasFlag(UnixFileMode.UserExecute | UnixFileMode.OtherExecute), $"mode {mode}");
        // A single-file Native AOT binary is an ELF file that needs no .dll beside it.
        using var stream = entry.Open();
        var magic = new byte[4];
        stream.ReadExactly(magic);
        Assert.Equal("\u007fELF"u8.ToArray(), magic);
    }

    [Fact]
    public void TerraformInitAndPlanInstallTheZipFromAFilesystemMirrorOffline()
    {
        var root = Directory.CreateTempSubdirectory("hl-mirror-").FullName;
        try
        {
            var mirror = Path.Combine(root, "mirror");
            var platformDir = Path.Combine(mirror, "example.com", "homelab", "homelab", ReleaseBuild.Version, "linux_amd64");
            Directory.CreateDirectory(platformDir);
            Expect(ProcessRunner.Run("unzip", ["-q", release.File("linux_amd64.zip"), "-d", platformDir]), "unzip");
            Assert.True(File.Exists(Path.Combine(platformDir, BinaryName)));

            var work = Path.Combine(root, "work");
            Directory.CreateDirectory(work);
            var cliConfig = Path.Combine(root, "terraformrc");
            File.WriteAllText(cliConfig, $$"""
                provider_installation {
                  filesystem_mirror {
                    path    = "{{mirror}}"
                    include = ["example.com/*/*"]
                  }
                }
                """);
            File.WriteAllText(Path.Combine(work, "main.tf"), $$"""
                terraform {
                  required_providers {
                    homelab = {
                      source  = "example.com/homelab/homelab"
                      version = "{{ReleaseBuild.Version}}"
                    }
                  }
                }

                provider "homelab" {}
                """);
            var env = new Dictionary<string, string?>
            {
                ["TF_CLI_CONFIG_FILE"] = cliConfig,
                ["TF_DATA_DIR"] = Path.Combine(work, ".terraform"),
                ["TF_IN_AUTOMATION"] = "1",
                ["TF_INPUT"] = "0",
                ["CHECKPOINT_DISABLE"] = "1",
                ["TF_PLUGIN_CACHE_DIR"] = null,
                ["TF_LOG"] = null,
            };

            var init = Expect(ProcessRunner.Run("terraform", ["init", "-input=false", "-no-color"], work, env, TimeSpan.FromMinutes(5)), "init");
            Assert.Contains($"Installed example.com/homelab/homelab v{ReleaseBuild.Version}", init.Stdout, StringComparison.Ordinal);
            var plan = Expect(ProcessRunner.Run("terraform", ["plan", "-input=false", "-no-color", "-detailed-exitcode"], work, env, TimeSpan.FromMinutes(5)), "plan");
            Assert.Contains("No changes", plan.Stdout, StringComparison.Ordinal);
            var schema = Expect(ProcessRunner.Run("terraform", ["providers", "schema", "-json"], work, env, TimeSpan.FromMinutes(5)), "providers schema");
            Assert.Contains("\"resource_schemas\":{\"homelab_", schema.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    [InlineData("1.2")]
    [InlineData("v1.2.3")]
    [InlineData("1.2.3; rm -rf /")]
    public void RejectsAVersionThatIsNotSemantic(string version)
    {
        var result = ProcessRunner.Run("bash", [RepositoryRoot.Combine("scripts", "release.sh"), version], RepositoryRoot.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not a semantic version", result.Stderr, StringComparison.Ordinal);
    }

    private ProcessResult Expect(ProcessResult result, string what)
    {
        Assert.True(result.ExitCode == 0, $"{what} failed:\n{result}\n--- release.sh ---\n{release.Result}");
        return result;
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
