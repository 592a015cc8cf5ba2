using Homelab.NixGen.Cli;
using Homelab.NixGen.Tests.TestKit;
using Homelab.Testing;

namespace Homelab.NixGen.Tests.Cli;

/// <summary>The real command line, run in-process with captured output.</summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class CommandLineTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Case(string name) => RepoPaths.CaseInput(name);

    [Fact]
    public void Render_writes_all_files_and_makes_scripts_executable()
    {
        var result = Nixgen("render", Case("homelab"), "-o", _dir.Path);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.ToString());
        foreach (var file in new[] { "configuration.nix", "disko.nix", "flake.nix", "scripts/failure-notify.sh", "scripts/homelab-units.sh", "scripts/homelab-sanoid.sh", "scripts/homelab-monitor.sh", "scripts/homelab-pull-guard.sh", "scripts/zed-ntfy.sh" })
        {
            Assert.True(File.Exists(_dir.Combine(file)), file);
        }

        Assert.True(File.GetUnixFileMode(_dir.Combine("scripts", "failure-notify.sh")).HasFlag(UnixFileMode.UserExecute));
        Assert.False(File.GetUnixFileMode(_dir.Combine("configuration.nix")).HasFlag(UnixFileMode.UserExecute));
        Assert.Contains("wrote 9 of 9", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_passes_on_fresh_output_and_reports_drift_with_a_diff()
    {
        Assert.Equal(ExitCodes.Ok, Nixgen("render", Case("homelab"), "-o", _dir.Path).ExitCode);
        Assert.Equal(ExitCodes.Ok, Nixgen("render", Case("homelab"), "-o", _dir.Path, "--check").ExitCode);

        var configuration = _dir.Combine("configuration.nix");
        File.WriteAllText(configuration, File.ReadAllText(configuration).Replace("boot.zfs.forceImportRoot = false;", "boot.zfs.forceImportRoot = true;", StringComparison.Ordinal));
        File.Delete(_dir.Combine("flake.nix"));

        var drift = Nixgen("render", Case("homelab"), "-o", _dir.Path, "--check");

        Assert.Equal(ExitCodes.Drift, drift.ExitCode);
        Assert.Contains("--- a/configuration.nix\n+++ b/configuration.nix\n@@ ", drift.Stdout, StringComparison.Ordinal);
        Assert.Contains("\n-  boot.zfs.forceImportRoot = true;\n+  boot.zfs.forceImportRoot = false;\n", drift.Stdout, StringComparison.Ordinal);
        Assert.Contains("--- /dev/null\n+++ b/flake.nix\n", drift.Stdout, StringComparison.Ordinal);
        Assert.Contains("2 file(s)", drift.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.Combine("flake.nix")), "--check must not write");
    }

    [Fact]
    public void Check_ignores_files_nixgen_does_not_generate()
    {
        Assert.Equal(ExitCodes.Ok, Nixgen("render", Case("minimal"), "-o", _dir.Path).ExitCode);
        _dir.Write("hardware-configuration.nix", "{ }\n");

        Assert.Equal(ExitCodes.Ok, Nixgen("render", Case("minimal"), "-o", _dir.Path, "--check").ExitCode);
    }

    [Fact]
    public void Invalid_host_exits_2_with_located_errors_and_writes_nothing()
    {
        var host = _dir.Write("bad/host.yaml", "hostname: atlas\nhostId: 8425e349\nstateVersion: \"26.05\"\n");

        var result = Nixgen("render", host, "-o", _dir.Combine("out"));

        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains($"{host}:2:9: hostId '8425e349' is the example id", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"{host}:1:1: admins is required", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dir.Combine("out")));
    }

    [Fact]
    public void Missing_host_file_exits_3()
    {
        var result = Nixgen("render", _dir.Combine("nope.yaml"), "-o", _dir.Combine("out"));

        Assert.Equal(ExitCodes.IoError, result.ExitCode);
        Assert.Contains("cannot read", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("render")]
    [InlineData("render", "host.yaml")]
    [InlineData("render", "host.yaml", "-o", "x", "--frobnicate")]
    [InlineData("frobnicate")]
    public void Usage_errors_exit_64(params string[] args)
    {
        var result = Nixgen(args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("nixgen --help", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_prints_the_published_json_schema()
    {
        var result = Nixgen("schema");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "nixgen", "host.schema.json")), result.Stdout);
    }

    internal static ProcessResult Nixgen(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = new NixGenCommandLine(output, error).Run(args);
        return new ProcessResult(exit, output.ToString(), error.ToString(), TimeSpan.Zero);
    }
}
