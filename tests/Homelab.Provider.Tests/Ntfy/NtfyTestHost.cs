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

    /// <summary>The foundation's notifier as nixgen generates it.</summary>
    public static string FailureNotifyScript => RepositoryRoot.Combine("examples", "nixgen", "homelab", "scripts", "failure-notify.sh");

    /// <summary>
    /// Runs the foundation's <c>failure-notify.sh</c> as <c>failure-notify@&lt;unit&gt;</c> would, against
    /// this state dir, with the shims first on PATH; <see cref="SystemdRuntimeDir"/> stands for
    /// <c>/run/systemd/system</c> (create it, with systemctl/journalctl shims, to pretend systemd runs).
    /// </summary>
    public ProcessResult RunFailureNotify(string unit) => ProcessRunner.Run("bash", [FailureNotifyScript, unit], Root, new Dictionary<string, string?>
    {
        ["HOMELAB_STATE_DIR"] = StateDir,
        // Every call is its own alert: these tests are about targets and secrets; the storm window
        // (repeated failures counted, not sent) is tested with the script in Homelab.NixGen.Tests.
        ["HOMELAB_ALERT_WINDOW"] = "0",
        ["HOMELAB_SYSTEMD_RUNTIME_DIR"] = SystemdRuntimeDir,
        ["PATH"] = Path,
    }, TimeSpan.FromMinutes(2));

    /// <summary>What <see cref="RunFailureNotify"/> passes as the systemd runtime directory.</summary>
    public string SystemdRuntimeDir => _host.File("run-systemd-system");

    /// <summary>
    /// The provider's files under the state dir, relative, sorted: the lock file and what the
    /// foundation's notifier keeps (alerts/, spool/, status/) are not the provider's.
    /// </summary>
    public IReadOnlyList<string> StateFiles() => Directory.Exists(StateDir)
        ? [.. Directory.EnumerateFiles(StateDir, "*", SearchOption.AllDirectories)
            .Select(f => System.IO.Path.GetRelativePath(StateDir, f))
            .Where(f => f != ".lock" && !f.StartsWith("alerts/", StringComparison.Ordinal) && !f.StartsWith("spool/", StringComparison.Ordinal) && !f.StartsWith("status/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)]
        : [];

    public void Dispose()
    {
        _host.Dispose();
        Server.Dispose();
    }
}
