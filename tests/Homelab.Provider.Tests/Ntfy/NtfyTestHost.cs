namespace Homelab.Provider.Tests.Ntfy;

/// <summary>
/// A <see cref="HostFixture"/> for the ntfy tests: a <c>curl</c> shim in its bin dir that logs
/// every argv word it gets (then runs the real curl), and the fake ntfy server.
/// </summary>
internal sealed class NtfyTestHost : IDisposable
{
    private readonly HostFixture _host = new("hl-ntfy");

    public NtfyTestHost()
    {
        _host.WriteShim("curl", $"""
            #!/bin/sh
            for a in "$@"; do printf '%s\n' "$a"; done >> '{CurlArgvLog}'
            printf '%s\n' '----' >> '{CurlArgvLog}'
            exec /usr/bin/curl "$@"
            """);
    }

    public FakeNtfyServer Server { get; } = new();

    public TerraformWorkspace Workspace => _host.Workspace;

    public string Root => _host.Root;

    public string StateDir => _host.StateDir;

    public string CurlArgvLog => _host.File("curl-argv.log");

    /// <summary>The shim directory first, then the test process's PATH.</summary>
    public string Path => _host.Path;

    public string CurlArgv => File.Exists(CurlArgvLog) ? File.ReadAllText(CurlArgvLog) : "";

    public string State(string relative) => _host.State(relative);

    public void WriteShim(string name, string script) => _host.WriteShim(name, script);

    /// <summary>Runs a unit of the state dir the way systemd would (see <see cref="HostFixture.RunUnit"/>).</summary>
    public ProcessResult RunUnit(string unitFileName, string? workingDirectory = null) => _host.RunUnit(unitFileName, workingDirectory);

    /// <summary>All files under the state dir, relative, sorted (lock file excluded).</summary>
    public IReadOnlyList<string> StateFiles() => Directory.Exists(StateDir)
        ? [.. Directory.EnumerateFiles(StateDir, "*", SearchOption.AllDirectories)
            .Select(f => System.IO.Path.GetRelativePath(StateDir, f))
            .Where(f => f != ".lock")
            .Order(StringComparer.Ordinal)]
        : [];

    public void Dispose()
    {
        _host.Dispose();
        Server.Dispose();
    }
}
