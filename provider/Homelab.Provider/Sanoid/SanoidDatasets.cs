using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Host;
using Homelab.Provider.Kit;

namespace Homelab.Provider.Sanoid;

/// <summary>
/// Host checks of a policy's datasets through the one placement service
/// (<see cref="DatasetPlacement"/>): none is Incus-owned (<c>homelab:owner=incus</c> on it or an
/// ancestor, or inside the remote's <c>incus_datasets</c>), a recursive policy does not reach into
/// an Incus-owned child, and at apply time they exist.
/// </summary>
internal static class SanoidDatasets
{
    /// <summary>Problems as sentences; empty when the datasets are fine. <paramref name="requireExist"/> false at plan time (another resource may create them).</summary>
    public static async Task<IReadOnlyList<string>> ProblemsAsync(Remote remote, SanoidPolicy policy, bool requireExist, CancellationToken ct)
    {
        var recursive = policy.Recursive is "yes" or "zfs";
        var check = await new DatasetPlacement(remote, AttrPath.Attribute("datasets")).ManageCheckAsync(policy.Datasets, recursive, ct).ConfigureAwait(false);
        var hint = recursive
            ? $" Incus snapshots its own datasets; leave them out of sanoid policies (with `recursive = \"{policy.Recursive}\"`, use `recursive = \"no\"` and list the datasets to snapshot)."
            : " Incus snapshots its own datasets; leave them out of sanoid policies.";
        var problems = check.Problems.Select(p => p + hint).ToList();
        if (requireExist)
        {
            foreach (var missing in check.Missing)
            {
                problems.Add($"{missing} does not exist on remote \"{remote.Name}\". Create it first (e.g. a homelab_zfs_dataset whose `name` this policy references, so it is created before the policy).");
            }
        }
        return problems;
    }
}
