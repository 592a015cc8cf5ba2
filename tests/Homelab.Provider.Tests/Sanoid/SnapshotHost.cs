namespace Homelab.Provider.Tests.Sanoid;

/// <summary>
/// A <see cref="HostFixture"/> for the sanoid/syncoid tests: real sanoid and syncoid run against
/// real file-backed zfs-fuse pools, through the fixture's zfs shim.
/// </summary>
internal sealed class SnapshotHost : IDisposable
{
    private readonly HostFixture _host = new("hl-snap");

    public SnapshotHost()
    {
        Directory.CreateDirectory(_host.File("sanoid-cache"));
        Directory.CreateDirectory(_host.File("sanoid-run"));
    }

    public TerraformWorkspace Workspace => _host.Workspace;

    public string StateDir => _host.StateDir;

    public string SanoidConfPath => _host.State(System.IO.Path.Combine("sanoid", "sanoid.conf"));

    public string? SanoidConf => File.Exists(SanoidConfPath) ? File.ReadAllText(SanoidConfPath) : null;

    /// <summary>The shim directory first, then the test process's PATH.</summary>
    public string Path => _host.Path;

    /// <summary>
    /// The foundation's sanoid command (<c>sanoid --cron --configdir &lt;state&gt;/sanoid</c>, docs/nixgen.md)
    /// plus a per-test cache and run dir, so tests running in parallel never share sanoid's
    /// 15-minute snapshot cache or its locks.
    /// </summary>
    public ProcessResult RunSanoidCron() =>
        ProcessRunner.Run("sanoid", ["--cron", "--configdir", System.IO.Path.Combine(StateDir, "sanoid"), "--cache-dir", _host.File("sanoid-cache"), "--run-dir", _host.File("sanoid-run"), "--verbose"],
            environment: new Dictionary<string, string?> { ["PATH"] = Path });

    /// <summary>Runs a unit of the state dir the way systemd would (see <see cref="HostFixture.RunUnit"/>).</summary>
    public ProcessResult RunUnit(string unitFileName) => _host.RunUnit(unitFileName);

    /// <summary>Snapshot names (the part after <c>@</c>) of one dataset.</summary>
    public static IReadOnlyList<string> Snapshots(string dataset) =>
        [.. ProcessRunner.Check("zfs", "list", "-H", "-o", "name", "-t", "snapshot").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(n => n.StartsWith(dataset + "@", StringComparison.Ordinal))
            .Select(n => n[(dataset.Length + 1)..])];

    public void Dispose() => _host.Dispose();
}
