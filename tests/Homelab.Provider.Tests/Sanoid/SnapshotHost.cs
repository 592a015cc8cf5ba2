using Homelab.Provider.Tests.TestKit;
using Homelab.Testing;

namespace Homelab.Provider.Tests.Sanoid;

/// <summary>
/// A local "host" for the sanoid/syncoid tests: a state dir, a terraform workspace whose provider
/// uses it, and scripts/zfs-fuse-compat/zfs first on the PATH. The shim exists only because zfs-fuse's
/// <c>zfs get</c> has no <c>-t TYPE</c> filter, which sanoid and syncoid use to list snapshots: it
/// drops the filter and keeps the output lines of the wanted type, then everything else is the
/// real zfs. Real sanoid and syncoid run against real file-backed zfs-fuse pools.
/// </summary>
internal sealed class SnapshotHost : IDisposable
{

    private readonly TempDir _dir = new("hl-snap");

    public SnapshotHost()
    {
        Directory.CreateDirectory(Bin);
        Directory.CreateDirectory(StateDir);
        Directory.CreateDirectory(_dir.File("sanoid-cache"));
        Directory.CreateDirectory(_dir.File("sanoid-run"));
        var shim = System.IO.Path.Combine(Bin, "zfs");
        File.Copy(RepositoryRoot.Combine("scripts", "zfs-fuse-compat", "zfs"), shim);
        File.SetUnixFileMode(shim, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Workspace = TerraformWorkspace.Create(ProviderBuild.Homelab);
        Workspace.Environment["HOMELAB_STATE_DIR"] = StateDir;
        Workspace.Environment["PATH"] = Path;
    }

    public TerraformWorkspace Workspace { get; }

    public string Bin => _dir.File("bin");

    public string StateDir => _dir.File("state");

    public string SanoidConfPath => System.IO.Path.Combine(StateDir, "sanoid", "sanoid.conf");

    public string? SanoidConf => File.Exists(SanoidConfPath) ? File.ReadAllText(SanoidConfPath) : null;

    /// <summary>The shim directory first, then the test process's PATH.</summary>
    public string Path => Bin + ":" + (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin");

    /// <summary>
    /// The foundation's sanoid command (<c>sanoid --cron --configdir &lt;state&gt;/sanoid</c>, docs/nixgen.md)
    /// plus a per-test cache and run dir, so tests running in parallel never share sanoid's
    /// 15-minute snapshot cache or its locks.
    /// </summary>
    public ProcessResult RunSanoidCron() =>
        Run(["sanoid", "--cron", "--configdir", System.IO.Path.Combine(StateDir, "sanoid"), "--cache-dir", _dir.File("sanoid-cache"), "--run-dir", _dir.File("sanoid-run"), "--verbose"], Path);

    /// <summary>Runs argv with PATH set (as systemd would from the unit's Environment=).</summary>
    public static ProcessResult Run(IReadOnlyList<string> argv, string path) =>
        ProcessRunner.Run(argv[0], argv.Skip(1), environment: new Dictionary<string, string?> { ["PATH"] = path });

    /// <summary>Snapshot names (the part after <c>@</c>) of one dataset.</summary>
    public static IReadOnlyList<string> Snapshots(string dataset) =>
        [.. ProcessRunner.Check("zfs", "list", "-H", "-o", "name", "-t", "snapshot").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(n => n.StartsWith(dataset + "@", StringComparison.Ordinal))
            .Select(n => n[(dataset.Length + 1)..])];

    public void Dispose()
    {
        Workspace.Dispose();
        _dir.Dispose();
    }
}
