namespace Homelab.Testing;

/// <summary>
/// A local "host" for tests that drive the provider through terraform on real tools: a temp dir
/// holding the provider's state dir and a bin dir of shims, and a <see cref="TerraformWorkspace"/>
/// whose provider uses both (<c>HOMELAB_STATE_DIR</c>, <c>PATH</c>). The bin dir starts with
/// scripts/zfs-fuse-compat/zfs, because zfs-fuse's <c>zfs get</c> has no <c>-t TYPE</c> filter, which
/// sanoid and syncoid use to list snapshots: the shim drops the filter and keeps the lines of the
/// wanted type, everything else is the real zfs. Domain helpers (sanoid runs, restic repositories,
/// ntfy files) are thin classes on top of this one.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // executable shims need Unix file modes
public sealed class HostFixture : IDisposable
{
    private readonly TempDir _dir;

    /// <param name="prefix">Temp dir prefix, so a leftover directory says which tests made it.</param>
    /// <param name="providerDir">The provider the workspace loads; the published homelab provider by default.</param>
    public HostFixture(string prefix = "hl-host", string? providerDir = null)
    {
        _dir = new TempDir(prefix);
        Directory.CreateDirectory(StateDir);
        Directory.CreateDirectory(Bin);
        Executable.Write(System.IO.Path.Combine(Bin, "zfs"), System.IO.File.ReadAllText(RepositoryRoot.Combine("scripts", "zfs-fuse-compat", "zfs")));
        Workspace = TerraformWorkspace.Create(providerDir ?? ProviderBuild.Homelab);
        Workspace.Environment["HOMELAB_STATE_DIR"] = StateDir;
        Workspace.Environment["PATH"] = Path;
    }

    public TerraformWorkspace Workspace { get; }

    /// <summary>The temp dir everything of this host lives in.</summary>
    public string Root => _dir.Path;

    /// <summary>The provider's state dir (<c>HOMELAB_STATE_DIR</c>): unit files, sanoid.conf, restic and ntfy settings.</summary>
    public string StateDir => _dir.File("state");

    /// <summary>The shim directory, first on <see cref="Path"/>.</summary>
    public string Bin => _dir.File("bin");

    /// <summary>
    /// The shim directory, then the test process's PATH, then the sbin directories: zfs and zpool
    /// live there, and a test runner started by a non-root user may not have them on its PATH.
    /// </summary>
    public string Path => Bin + ":" + (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin") + ":/usr/sbin:/sbin";

    /// <summary>Path of <paramref name="name"/> in the host's temp dir (not created).</summary>
    public string File(string name) => _dir.File(name);

    /// <summary>Path of <paramref name="relative"/> under the state dir.</summary>
    public string State(string relative) => System.IO.Path.Combine(StateDir, relative);

    /// <summary>Writes an executable script into the bin dir, where it shadows the real tool of that name.</summary>
    public void WriteShim(string name, string script) => Executable.Write(System.IO.Path.Combine(Bin, name), script + "\n");

    /// <summary>
    /// Runs a unit of the state dir's <c>units/</c> (e.g. <c>homelab-restic-x.service</c>) with
    /// <see cref="UnitRunner"/>: the bin dir first on its PATH, <c>%C</c> and the other system
    /// directories under this host's temp dir.
    /// </summary>
    public ProcessResult RunUnit(string unitFileName, string? workingDirectory = null) =>
        UnitRunner.Run(State(System.IO.Path.Combine("units", unitFileName)), Bin, File("systemd-dirs"), workingDirectory);

    /// <summary>
    /// Lets other users traverse the host's temp dir (mode 0755, as /var/lib and /var/cache are):
    /// a unit that runs as a non-root user reaches its cache, lock and shim directories through it.
    /// Nothing in it becomes writable to them.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Interoperability", "CA1416", Justification = "Unix only, as the class")]
    public void OpenToOtherUsers() =>
        System.IO.File.SetUnixFileMode(Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

    public void Dispose()
    {
        Workspace.Dispose();
        _dir.Dispose();
    }
}
