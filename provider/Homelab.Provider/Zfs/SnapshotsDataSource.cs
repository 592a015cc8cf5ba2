using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Host;
using Homelab.Provider.Kit;

namespace Homelab.Provider.Zfs;

/// <summary><c>homelab_snapshots</c>: the snapshots of one dataset, summarised for <c>check {}</c> blocks.</summary>
internal sealed class SnapshotsDataSource() : HostDataSource("homelab_snapshots", SnapshotsSchema.Schema)
{
    protected override async Task<TfValue?> ReadAsync(Remote remote, TfValue config, DiagnosticBag diagnostics, CancellationToken cancellationToken)
    {
        var dataset = config.GetString("dataset").Get();
        var prefix = config.GetString("name_prefix").Value ?? "";
        var result = await remote.RunToolAsync("zfs", SnapshotListing.Arguments(dataset), cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            if (ZfsGetOutput.OnlyMissingDatasets(result.Stderr))
            {
                DatasetNotFound(diagnostics, dataset, remote, "dataset");
                return null;
            }
            throw new HostException($"Cannot list the snapshots of {dataset}", result.Describe());
        }
        var snapshots = SnapshotListing.Parse(dataset, result.Stdout)
            .Where(s => s.Name.StartsWith(prefix, StringComparison.Ordinal))
            .ToList();
        return Summarise(config, snapshots);
    }

    /// <summary>The state for <paramref name="snapshots"/> (oldest first).</summary>
    internal static TfValue Summarise(TfValue config, IReadOnlyList<Snapshot> snapshots)
    {
        static TfValue Time(Snapshot? s) => s is null ? TfValue.Null(TfType.String) : TfValue.String(SnapshotListing.Rfc3339(s.Creation));
        var newest = snapshots.Count > 0 ? snapshots[^1] : null;
        var byPeriod = new SortedDictionary<string, TfValue>(StringComparer.Ordinal);
        foreach (var s in snapshots)
        {
            if (SnapshotListing.PeriodOf(s.Name) is { } period)
            {
                byPeriod[period] = Time(s); // later entries are newer
            }
        }
        return config
            .With("snapshot_count", TfValue.Number(snapshots.Count))
            .With("newest_name", newest is null ? TfValue.Null(TfType.String) : TfValue.String(newest.Name))
            .With("newest_time", Time(newest))
            .With("oldest_time", Time(snapshots.Count > 0 ? snapshots[0] : null))
            .With("newest_by_period", TfValue.Map(TfType.String, byPeriod));
    }
}
