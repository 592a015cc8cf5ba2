using System.Text.Json;

namespace Homelab.Provider.Tests.Restic;

/// <summary>
/// A <see cref="HostFixture"/> for the restic tests: source files, a repository path, and helpers
/// that run a job's units the way systemd would (ExecStartPre, ExecStart, ExecStartPost in order,
/// stopping at the first failure) and inspect the repository with the real restic.
/// </summary>
internal sealed class ResticTestHost : IDisposable
{
    private readonly HostFixture _host;

    public ResticTestHost(string? providerDir = null)
    {
        _host = new HostFixture("hl-restic", providerDir);
        Directory.CreateDirectory(Source);
    }

    public TerraformWorkspace Workspace => _host.Workspace;

    public string Root => _host.Root;

    public string StateDir => _host.StateDir;

    public string Source => _host.File("source");

    public string Repo => _host.File("repo");

    public string File(string name) => _host.File(name);

    public string State(string relative) => _host.State(relative);

    public string Unit(string fileName) => System.IO.File.ReadAllText(State("units/" + fileName));

    /// <summary>This machine's name as systemd's <c>%H</c> gives it (gethostname, as <c>uname -n</c> prints it).</summary>
    public static string MachineHost { get; } = ProcessRunner.Check("uname", "-n").Trim();

    /// <summary>Runs a service's commands like systemd (oneshot) with the test kit's unit runner: the first non-zero exit fails the unit.</summary>
    public ProcessResult RunService(string unit) => _host.RunUnit(unit + ".service");

    public void RunServiceOk(string unit)
    {
        var result = RunService(unit);
        Assert.True(result.ExitCode == 0, $"{unit} failed: {result}");
    }

    /// <summary>restic against a repository with a password file (a path in argv is not a secret).</summary>
    public ProcessResult Restic(string repository, string passwordFile, params string[] args) =>
        ProcessRunner.Run("restic", ["-r", repository, "--password-file", passwordFile, "--no-cache", .. args]);

    /// <summary>Snapshot ids (short) of the repository, oldest first.</summary>
    public IReadOnlyList<JsonElement> Snapshots(string repository, string passwordFile, params string[] options)
    {
        var (code, stdout, stderr) = Restic(repository, passwordFile, ["snapshots", "--json", .. options]);
        Assert.True(code == 0, $"restic snapshots failed: {stderr}");
        using var doc = JsonDocument.Parse(stdout);
        return [.. doc.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    /// <summary>Every file under <paramref name="dir"/> (relative path → bytes).</summary>
    public static SortedDictionary<string, byte[]> Tree(string dir) =>
        new(Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(dir, f), System.IO.File.ReadAllBytes), StringComparer.Ordinal);

    public static void AssertSameTree(string expected, string actual)
    {
        var a = Tree(expected);
        var b = Tree(actual);
        Assert.Equal(a.Keys, b.Keys);
        foreach (var (name, bytes) in a)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(b[name]), $"{name} differs after restore");
        }
    }

    /// <summary>Lets a unit that runs as another user traverse the host's temp dir (<see cref="HostFixture.OpenToOtherUsers"/>).</summary>
    public void OpenToOtherUsers() => _host.OpenToOtherUsers();

    public void Dispose() => _host.Dispose();
}
