using Homelab.Provider.Host;
using Homelab.Provider.Zfs;

namespace Homelab.Provider.Syncoid;

/// <summary>
/// What a remote's syncoid offers, probed once per remote and process: its path, the options its
/// <c>--help</c> lists, and the PATH its unit needs (the directories of zfs and syncoid, then the
/// NixOS system profile and the usual bin/sbin directories).
/// </summary>
internal sealed class SyncoidHost
{
    private readonly string _help;

    private SyncoidHost(string syncoidPath, string searchPath, string help)
    {
        SyncoidPath = syncoidPath;
        SearchPath = searchPath;
        _help = help;
    }

    public string SyncoidPath { get; }

    public string SearchPath { get; }

    public bool Supports(string flag) => _help.Contains(flag, StringComparison.Ordinal);

    public static Task<SyncoidHost> ForAsync(Remote remote, CancellationToken ct) =>
        remote.GetService(r => new OnceSucceeded<SyncoidHost>(() => LoadAsync(r))).GetAsync(ct);

    /// <summary>Whether a dataset exists on the remote.</summary>
    public static async Task<bool> ExistsAsync(Remote remote, string dataset, CancellationToken ct) =>
        (await remote.RunToolAsync("zfs", ["list", "-H", "-o", "name", dataset], ct).ConfigureAwait(false)).Succeeded;

    /// <summary>A local target must not be created inside an Incus-owned dataset.</summary>
    public static async Task<IReadOnlyList<string>> TargetProblemsAsync(Remote remote, SyncoidJob job, CancellationToken ct)
    {
        var (local, dataset) = SyncoidValues.Split(job.Target);
        if (!local)
        {
            return [];
        }
        foreach (var declared in remote.Settings.IncusDatasets)
        {
            if (DatasetName.IsAtOrInside(dataset, declared))
            {
                return [$"{dataset} is inside {declared}, which the remote \"{remote.Name}\" declares as owned by Incus (`incus_datasets`); the provider never creates datasets there."];
            }
        }
        for (var ancestor = dataset; ancestor is not null; ancestor = DatasetName.Parent(ancestor))
        {
            var result = await remote.RunToolAsync("zfs", ["get", "-H", "-o", "value,source", "homelab:owner", ancestor], ct).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                continue;
            }
            var f = result.Stdout.TrimEnd('\n').Split('\t');
            return f[0] == "incus"
                ? [$"{dataset} would be inside an Incus-owned dataset (`homelab:owner=incus`, {f[^1]}); the provider never creates datasets there."]
                : [];
        }
        return [];
    }

    private static async Task<SyncoidHost> LoadAsync(Remote remote)
    {
        var syncoid = await remote.Tools.GetAsync("syncoid", CancellationToken.None).ConfigureAwait(false);
        var zfs = await remote.Tools.GetAsync("zfs", CancellationToken.None).ConfigureAwait(false);
        var help = await remote.Connection.RunAsync(new HostCommand([syncoid, "--help"]), CancellationToken.None).ConfigureAwait(false);
        var dirs = new[] { Dir(zfs), Dir(syncoid), "/run/wrappers/bin", "/run/current-system/sw/bin", "/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin" };
        return new SyncoidHost(syncoid, string.Join(':', dirs.Distinct(StringComparer.Ordinal)), help.Stdout + help.Stderr);
    }

    private static string Dir(string path) => path[..Math.Max(1, path.LastIndexOf('/'))];
}
