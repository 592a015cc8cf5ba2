using Homelab.Provider.Host;
using Homelab.Provider.Zfs;

namespace Homelab.Provider.Sanoid;

/// <summary>
/// Host checks of a policy's datasets, in one <c>zfs get</c>: they exist (at apply time), none is
/// Incus-owned (<c>homelab:owner=incus</c>, inherited or local, or inside the remote's
/// <c>incus_datasets</c>), and a recursive policy does not reach into an Incus-owned child.
/// </summary>
internal static class SanoidDatasets
{
    private const string OwnerKey = "homelab:owner";

    /// <summary>Problems as sentences; empty when the datasets are fine. <paramref name="requireExist"/> false at plan time (another resource may create them).</summary>
    public static async Task<IReadOnlyList<string>> ProblemsAsync(Remote remote, SanoidPolicy policy, bool requireExist, CancellationToken ct)
    {
        var problems = new List<string>();
        var recursive = policy.Recursive is "yes" or "zfs";
        foreach (var dataset in policy.Datasets)
        {
            foreach (var declared in remote.Settings.IncusDatasets)
            {
                if (DatasetName.IsAtOrInside(dataset, declared))
                {
                    problems.Add($"{dataset} is inside {declared}, which the remote \"{remote.Name}\" declares as owned by Incus (`incus_datasets`). Incus snapshots its own datasets; leave them out of sanoid policies.");
                }
                else if (recursive && DatasetName.IsAtOrInside(declared, dataset))
                {
                    problems.Add($"`recursive = \"{policy.Recursive}\"` on {dataset} would snapshot {declared}, which the remote \"{remote.Name}\" declares as owned by Incus. Use `recursive = \"no\"` and list the datasets to snapshot, or put `skip_children` policies in place.");
                }
            }
        }
        var args = new List<string> { "get", "-H", "-o", "name,value,source" };
        if (recursive)
        {
            args.Add("-r");
        }
        args.Add(OwnerKey);
        args.AddRange(policy.Datasets);
        var result = await remote.RunToolAsync("zfs", args, ct).ConfigureAwait(false);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split('\t');
            if (f.Length < 3 || f[0].Contains('@', StringComparison.Ordinal) || f[0].Contains('#', StringComparison.Ordinal))
            {
                continue;
            }
            seen.Add(f[0]);
            if (f[1] != "incus")
            {
                continue;
            }
            var listed = policy.Datasets.Contains(f[0], StringComparer.Ordinal);
            var origin = f[2].StartsWith("inherited from ", StringComparison.Ordinal) ? f[2]["inherited from ".Length..] : f[0];
            if (listed)
            {
                problems.Add($"{f[0]} is owned by Incus (`{OwnerKey}=incus` on {origin}). Incus snapshots its own datasets; leave them out of sanoid policies.");
            }
            else if (origin == f[0])
            {
                problems.Add($"`recursive = \"{policy.Recursive}\"` would snapshot {f[0]}, which is owned by Incus (`{OwnerKey}=incus`). Use `recursive = \"no\"` and list the datasets to snapshot.");
            }
        }
        if (!result.Succeeded && !result.Stderr.Contains("does not exist", StringComparison.Ordinal))
        {
            throw new HostException("Cannot read the datasets", result.Describe());
        }
        if (requireExist)
        {
            foreach (var missing in policy.Datasets.Where(d => !seen.Contains(d)))
            {
                problems.Add($"{missing} does not exist on remote \"{remote.Name}\". Create it first (e.g. a homelab_zfs_dataset whose `name` this policy references, so it is created before the policy).");
            }
        }
        return problems;
    }
}
