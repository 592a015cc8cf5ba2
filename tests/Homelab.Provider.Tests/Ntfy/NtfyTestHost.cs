using Homelab.Provider.Tests.TestKit;
using Homelab.Testing;

namespace Homelab.Provider.Tests.Ntfy;

/// <summary>
/// A local "host" for the ntfy tests: a state dir, a <c>curl</c> shim first on the PATH that logs
/// every argv word it gets (then runs the real curl), the fake ntfy server, and a terraform
/// workspace whose provider uses all of them.
/// </summary>
internal sealed class NtfyTestHost : IDisposable
{
    private readonly TempDir _dir = new("hl-ntfy");

    public NtfyTestHost()
    {
        Directory.CreateDirectory(Bin);
        Directory.CreateDirectory(StateDir);
        WriteShim("curl", $"""
            #!/bin/sh
            for a in "$@"; do printf '%s\n' "$a"; done >> '{CurlArgvLog}'
            printf '%s\n' '----' >> '{CurlArgvLog}'
            exec /usr/bin/curl "$@"
            """);
        Workspace = TerraformWorkspace.Create(ProviderBuild.Homelab);
        Workspace.Environment["HOMELAB_STATE_DIR"] = StateDir;
        Workspace.Environment["PATH"] = Path;
    }

    public FakeNtfyServer Server { get; } = new();

    public TerraformWorkspace Workspace { get; }

    public string Root => _dir.Path;

    public string StateDir => _dir.File("state");

    public string Bin => _dir.File("bin");

    public string CurlArgvLog => _dir.File("curl-argv.log");

    /// <summary>The shim directory first, then the test process's PATH.</summary>
    public string Path => Bin + ":" + (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin");

    public string CurlArgv => File.Exists(CurlArgvLog) ? File.ReadAllText(CurlArgvLog) : "";

    public string State(string relative) => System.IO.Path.Combine(StateDir, relative);

    public void WriteShim(string name, string script)
    {
        var path = System.IO.Path.Combine(Bin, name);
        File.WriteAllText(path, script.ReplaceLineEndings("\n") + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>All files under the state dir, relative, sorted (lock file excluded).</summary>
    public IReadOnlyList<string> StateFiles() => Directory.Exists(StateDir)
        ? [.. Directory.EnumerateFiles(StateDir, "*", SearchOption.AllDirectories)
            .Select(f => System.IO.Path.GetRelativePath(StateDir, f))
            .Where(f => f != ".lock")
            .Order(StringComparer.Ordinal)]
        : [];

    public void Dispose()
    {
        Workspace.Dispose();
        Server.Dispose();
        _dir.Dispose();
    }
}
