using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Host;
using Homelab.Provider.Kit;

namespace Homelab.Provider.Syncoid;

/// <summary>
/// What a remote's syncoid offers, probed once per remote and process: its path, the options its
/// <c>--help</c> lists, and the PATH its unit needs (the directories of zfs and syncoid, then the
/// NixOS system profile and the usual bin/sbin directories).
/// </summary>
internal sealed partial class SyncoidHost
{
    private readonly string _help;

    private SyncoidHost(string syncoidPath, string searchPath, string help, bool zfsMountsInProcess)
    {
        SyncoidPath = syncoidPath;
        SearchPath = searchPath;
        _help = help;
        ZfsMountsInProcess = zfsMountsInProcess;
    }

    /// <summary>
    /// The host's <c>zfs receive</c> takes <c>-u</c> (its usage lists it): OpenZFS, which mounts a
    /// received file system in the receiving process (so a sandboxed job must receive unmounted).
    /// zfs-fuse has no <c>-u</c> and mounts in its daemon, outside the job's sandbox.
    /// </summary>
    public bool ZfsMountsInProcess { get; }

    public string SyncoidPath { get; }

    public string SearchPath { get; }

    public bool Supports(string flag) => _help.Contains(flag, StringComparison.Ordinal);

    public static Task<SyncoidHost> ForAsync(Remote remote, CancellationToken ct) =>
        remote.GetService(r => new OnceSucceeded<SyncoidHost>(() => LoadAsync(r))).GetAsync(ct);

    /// <summary>Whether a dataset exists on the remote (a failed read is a host error, never "no").</summary>
    public static Task<bool> ExistsAsync(Remote remote, string dataset, CancellationToken ct) =>
        new DatasetPlacement(remote, AttrPath.Attribute("source")).ExistsAsync(dataset, ct);

    /// <summary>
    /// A local target must not be, or lie inside, an Incus-owned dataset (syncoid would create or
    /// overwrite it). Fails closed: a failed <c>zfs get</c> throws instead of allowing.
    /// </summary>
    public static async Task<IReadOnlyList<string>> TargetProblemsAsync(Remote remote, SyncoidJob job, CancellationToken ct)
    {
        var (local, dataset) = SyncoidValues.Split(job.Target);
        if (!local)
        {
            return [];
        }
        var check = await new DatasetPlacement(remote, AttrPath.Attribute("target")).ManageCheckAsync([dataset], recursive: false, ct).ConfigureAwait(false);
        return [.. check.Problems.Select(p => p + " The provider never replicates into datasets Incus owns; choose a target outside them.")];
    }

    private static async Task<SyncoidHost> LoadAsync(Remote remote)
    {
        var syncoid = await remote.Tools.GetAsync("syncoid", CancellationToken.None).ConfigureAwait(false);
        var zfs = await remote.Tools.GetAsync("zfs", CancellationToken.None).ConfigureAwait(false);
        var help = await remote.Connection.RunAsync(new HostCommand([syncoid, "--help"]), CancellationToken.None).ConfigureAwait(false);
        var receive = await remote.Connection.RunAsync(new HostCommand([zfs, "receive"]), CancellationToken.None).ConfigureAwait(false);
        var mountsInProcess = ReceiveUsage().IsMatch(receive.Stdout + receive.Stderr);
        var dirs = new[] { Dir(zfs), Dir(syncoid), "/run/wrappers/bin", "/run/current-system/sw/bin", "/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin" };
        return new SyncoidHost(syncoid, string.Join(':', dirs.Distinct(StringComparer.Ordinal)), help.Stdout + help.Stderr, mountsInProcess);
    }

    /// <summary>A usage line <c>receive [-…u…]</c>: the option letters of <c>zfs receive</c> include <c>u</c>.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"receive \[-[A-Za-z]*u[A-Za-z]*\]", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex ReceiveUsage();

    private static string Dir(string path) => path[..Math.Max(1, path.LastIndexOf('/'))];
}
