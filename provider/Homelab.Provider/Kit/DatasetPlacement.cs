using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Host;
using Homelab.Provider.Zfs;

namespace Homelab.Provider.Kit;

/// <summary>
/// The one answer to "may a dataset be created, managed or destroyed here?" for every resource
/// that names datasets: <c>homelab_zfs_dataset</c> (create, rename, destroy, replacement), sanoid
/// policies and syncoid targets (docs/design/placement.md).
/// <para>
/// Incus owns a dataset when it or an ancestor carries <c>homelab:owner=incus</c> (ZFS inherits
/// user properties, so the nearest existing ancestor's value covers everything below it), or when
/// it lies at or inside one of the remote's <c>incus_datasets</c> (validated and normalised with
/// the provider configuration, so a trailing slash cannot switch the guard off).
/// </para>
/// <para>
/// It reads only what the question is about: the dataset's ancestors in one <c>zfs get</c>
/// (O(depth), never a pool listing: planning one dataset on a pool with thousands of snapshots
/// stays one small command) and, for a destroy or a recursive policy, the dataset's own subtree.
/// A <c>zfs</c> failure other than "does not exist" throws <see cref="HostException"/>: the guard
/// fails closed, a host failure is never "allowed". That error sits on <paramref name="attribute"/>,
/// the attribute the datasets come from.
/// </para>
/// <para>
/// One answer is reused: the ancestors a create (or rename) check read at plan, for the same
/// dataset's create check at apply in the same process (<see cref="CreateChecks"/>): Terraform
/// re-plans each resource right before applying it, so without it every create reads the same
/// ancestors twice in a row. Destroy, replacement and manage checks always read the host.
/// </para>
/// </summary>
internal sealed class DatasetPlacement(Remote remote, AttrPath? attribute = null)
{
    /// <summary>Names per <c>zfs get</c> (keeps argv far below ARG_MAX).</summary>
    private const int MaxNamesPerCall = 256;

    private const string Properties = ZfsProperties.OwnerKey + ",type";

    /// <summary>
    /// Why <paramref name="name"/> may not be created (or renamed to) here, or null. At plan time
    /// (<paramref name="requireParent"/> false) a missing parent is fine: another resource of the
    /// same apply may create it, so the nearest existing ancestor decides.
    /// </summary>
    public async Task<string?> CreateProblemAsync(string name, bool requireParent, CancellationToken ct)
    {
        if (DeclaredOwner(name) is { } declared)
        {
            return $"{name} would be inside {declared}, which the remote \"{remote.Name}\" declares as owned by Incus (`incus_datasets`). Incus manages what lives there; choose a dataset outside it.";
        }
        var ancestors = DatasetName.SelfAndAncestors(name).SkipLast(1).ToList();
        var checks = CreateChecks.Of(remote);
        Dictionary<string, DatasetInfo> found;
        if (requireParent && checks.Take(name) is { } planned && planned.ContainsKey(ancestors[^1]))
        {
            // The plan of this create read the ancestors a moment ago, and nothing was written
            // on this remote since. A cached "parent missing" is never used: that is read again.
            found = planned;
        }
        else
        {
            var generation = checks.Generation;
            found = await ReadAsync(ancestors, ct).ConfigureAwait(false);
            if (!requireParent)
            {
                checks.Put(name, generation, found);
            }
        }
        if (requireParent && !found.ContainsKey(ancestors[^1]))
        {
            return $"The parent dataset {ancestors[^1]} does not exist on remote \"{remote.Name}\". Create it first (e.g. as another homelab_zfs_dataset whose `name` this one references, so it is created before).";
        }
        return Nearest(ancestors, found)?.IncusOwner() is { } owner
            ? $"{name} would be inside {owner}, which carries `{ZfsProperties.OwnerKey}=incus`: Incus owns that dataset and everything in it. Choose a dataset outside it."
            : null;
    }

    /// <summary>
    /// Checks datasets another resource acts on (snapshots, replication target): none may be
    /// Incus-owned, and with <paramref name="recursive"/> none may contain an Incus-owned dataset.
    /// Reads the ancestors of all of them in one command, plus their subtrees when recursive.
    /// </summary>
    public async Task<ManageCheck> ManageCheckAsync(IReadOnlyList<string> datasets, bool recursive, CancellationToken ct)
    {
        var problems = new List<string>();
        foreach (var dataset in datasets)
        {
            if (DeclaredOwner(dataset) is { } declared)
            {
                problems.Add($"{dataset} is inside {declared}, which the remote \"{remote.Name}\" declares as owned by Incus (`incus_datasets`).");
            }
            else if (recursive && remote.Settings.IncusDatasets.FirstOrDefault(d => DatasetName.IsAtOrInside(d, dataset)) is { } below)
            {
                problems.Add($"{dataset} with its children would reach {below}, which the remote \"{remote.Name}\" declares as owned by Incus (`incus_datasets`).");
            }
        }
        var found = await ReadAsync([.. datasets.SelectMany(DatasetName.SelfAndAncestors).Distinct(StringComparer.Ordinal)], ct).ConfigureAwait(false);
        var clean = new List<string>();
        foreach (var dataset in datasets)
        {
            if (Nearest([.. DatasetName.SelfAndAncestors(dataset)], found)?.IncusOwner() is { } owner)
            {
                problems.Add(owner == dataset
                    ? $"{dataset} is owned by Incus (`{ZfsProperties.OwnerKey}=incus`)."
                    : $"{dataset} is owned by Incus (`{ZfsProperties.OwnerKey}=incus` inherited from {owner}).");
            }
            else if (found.ContainsKey(dataset))
            {
                clean.Add(dataset);
            }
        }
        if (recursive && clean.Count > 0)
        {
            foreach (var (dataset, info) in await ReadSubtreesAsync(clean, ZfsProperties.OwnerKey, ct).ConfigureAwait(false))
            {
                if (!clean.Contains(dataset, StringComparer.Ordinal) && info.IncusOwner() == dataset)
                {
                    var top = clean.First(c => DatasetName.IsAtOrInside(dataset, c));
                    problems.Add($"{top} with its children would reach {dataset}, which carries `{ZfsProperties.OwnerKey}=incus`.");
                }
            }
        }
        return new ManageCheck(problems, [.. datasets.Where(d => !found.ContainsKey(d))]);
    }

    /// <summary>Whether <paramref name="name"/> exists (a failed read throws; it is never "no").</summary>
    public async Task<bool> ExistsAsync(string name, CancellationToken ct) =>
        (await ReadAsync([name], ct).ConfigureAwait(false)).ContainsKey(name);

    /// <summary>
    /// What destroying <paramref name="name"/> would take with it, and whether it may be destroyed
    /// at all (never when Incus owns it or anything inside it, whatever <c>force_destroy</c> says).
    /// Null when it does not exist. Reads the dataset's subtree only.
    /// </summary>
    public async Task<DatasetContents?> ContentsAsync(string name, CancellationToken ct)
    {
        var subtree = await ReadSubtreesAsync([name], ZfsProperties.OwnerKey + ",used", ct).ConfigureAwait(false);
        if (!subtree.TryGetValue(name, out var self))
        {
            return null;
        }
        var dependents = subtree.Keys.Where(n => n != name).Order(StringComparer.Ordinal).ToList();
        string? incus = null;
        if (DeclaredOwner(name) is { } declared)
        {
            incus = $"{name} is inside {declared}, which the remote \"{remote.Name}\" declares as owned by Incus (`incus_datasets`).";
        }
        else if (self.IncusOwner() is { } owner)
        {
            incus = owner == name
                ? $"{name} is owned by Incus (`{ZfsProperties.OwnerKey}=incus`)."
                : $"{name} is owned by Incus (`{ZfsProperties.OwnerKey}=incus` inherited from {owner}).";
        }
        else if (dependents.FirstOrDefault(d => !IsSnapshot(d) && (subtree[d].IncusOwner() == d || remote.Settings.IncusDatasets.Contains(d, StringComparer.Ordinal))) is { } inner)
        {
            incus = $"{name} contains {inner}, which is owned by Incus ({(subtree[inner].IncusOwner() == inner ? $"`{ZfsProperties.OwnerKey}=incus`" : "`incus_datasets`")}).";
        }
        var used = self.Get("used") is { } u && long.TryParse(u.Value, out var bytes) ? bytes : (long?)null;
        return new DatasetContents(name, used, dependents, incus);
    }

    /// <summary>The declared Incus dataset <paramref name="name"/> lies at or inside, or null.</summary>
    private string? DeclaredOwner(string name) =>
        remote.Settings.IncusDatasets.FirstOrDefault(d => DatasetName.IsAtOrInside(name, d));

    /// <summary>The deepest of <paramref name="chain"/> (ordered pool first) that exists.</summary>
    private static DatasetInfo? Nearest(IReadOnlyList<string> chain, Dictionary<string, DatasetInfo> found)
    {
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            if (found.TryGetValue(chain[i], out var info))
            {
                return info;
            }
        }
        return null;
    }

    private static bool IsSnapshot(string name) => name.Contains('@', StringComparison.Ordinal) || name.Contains('#', StringComparison.Ordinal);

    /// <summary><c>zfs get homelab:owner,type</c> of exactly <paramref name="names"/>; missing ones are left out.</summary>
    private async Task<Dictionary<string, DatasetInfo>> ReadAsync(IReadOnlyList<string> names, CancellationToken ct)
    {
        var found = new Dictionary<string, DatasetInfo>(StringComparer.Ordinal);
        foreach (var chunk in names.Chunk(MaxNamesPerCall))
        {
            foreach (var (k, v) in await GetAsync([], Properties, chunk, withSnapshots: false, ct).ConfigureAwait(false))
            {
                found[k] = v;
            }
        }
        return found;
    }

    /// <summary>
    /// <c>zfs get -r</c> of <paramref name="roots"/>: the roots, their descendants, snapshots and
    /// bookmarks (no <c>-t</c>: zfs-fuse has none, and the snapshots are wanted here).
    /// </summary>
    private Task<Dictionary<string, DatasetInfo>> ReadSubtreesAsync(IReadOnlyList<string> roots, string properties, CancellationToken ct) =>
        GetAsync(["-r"], properties, roots, withSnapshots: true, ct);

    private async Task<Dictionary<string, DatasetInfo>> GetAsync(IReadOnlyList<string> options, string properties, IReadOnlyList<string> names, bool withSnapshots, CancellationToken ct)
    {
        if (names.Count == 0)
        {
            return new Dictionary<string, DatasetInfo>(StringComparer.Ordinal);
        }
        var result = await remote.RunToolAsync("zfs", ["get", "-H", "-p", .. options, "-o", "name,property,value,source", properties, .. names], ct).ConfigureAwait(false);
        if (!result.Succeeded && !ZfsGetOutput.OnlyMissingDatasets(result.Stderr))
        {
            throw new HostException("Cannot read ZFS datasets",
                $"Checking where datasets may be placed on remote \"{remote.Name}\" failed, so nothing was allowed: {result.Describe()}", attribute);
        }
        return ZfsGetOutput.Parse(result.Stdout, withSnapshots);
    }
}

/// <summary>
/// The ancestor answers of create checks at plan, per dataset, for the create check at apply in
/// the same process (one per remote). An answer is used at most once, only within
/// <see cref="Lifetime"/>, and only if nothing was written on the remote since it was read: every
/// zfs write of this process (<see cref="Zfs.ZfsCommands"/>) calls <see cref="Invalidate"/>, and
/// an answer read while a write ran is not kept. Only create and rename checks use it.
/// </summary>
internal sealed class CreateChecks
{
    /// <summary>Terraform re-plans a resource immediately before applying it; anything older is read again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, (long Generation, long Ticks, Dictionary<string, DatasetInfo> Found)> _answers = new(StringComparer.Ordinal);
    private long _generation;

    public static CreateChecks Of(Remote remote) => remote.GetService(_ => new CreateChecks());

    /// <summary>Counts writes; an answer is kept only if no write happened since its read started.</summary>
    public long Generation
    {
        get
        {
            lock (_lock)
            {
                return _generation;
            }
        }
    }

    public void Invalidate()
    {
        lock (_lock)
        {
            _generation++;
            _answers.Clear();
        }
    }

    public void Put(string name, long generation, Dictionary<string, DatasetInfo> found)
    {
        lock (_lock)
        {
            if (generation == _generation)
            {
                _answers[name] = (generation, Environment.TickCount64, found);
            }
        }
    }

    /// <summary>The answer for <paramref name="name"/>, removed; null when none is fresh.</summary>
    public Dictionary<string, DatasetInfo>? Take(string name)
    {
        lock (_lock)
        {
            return _answers.Remove(name, out var a) && a.Generation == _generation
                && Environment.TickCount64 - a.Ticks < (long)Lifetime.TotalMilliseconds
                ? a.Found
                : null;
        }
    }
}
