using Homelab.Provider.Host;

namespace Homelab.Provider.Zfs;

/// <summary>
/// The zfs write commands this provider issues, each an argv array. Every method invalidates the
/// remote's read cache and throws <see cref="HostException"/> (with the host's stderr) on failure.
/// </summary>
internal sealed class ZfsCommands(Remote remote, ZfsReader reader)
{
    public static ZfsCommands For(Remote remote) => new(remote, ZfsReader.For(remote));

    public ZfsReader Reader => reader;

    public Task CreateAsync(string name, string type, string? volsize, bool sparse, IEnumerable<KeyValuePair<string, string>> properties, CancellationToken ct)
    {
        var args = new List<string> { "create" };
        if (type == "volume")
        {
            if (sparse)
            {
                args.Add("-s");
            }
            args.Add("-V");
            args.Add(volsize!);
        }
        foreach (var (k, v) in properties)
        {
            args.Add("-o");
            args.Add($"{k}={v}");
        }
        args.Add(name);
        return RunAsync(args, $"Cannot create {name}", ct);
    }

    public Task SetAsync(string name, string key, string value, CancellationToken ct) =>
        RunAsync(["set", $"{key}={value}", name], $"Cannot set {key} on {name}", ct);

    /// <summary>Returns the property to its inherited/default value (or the reset value where zfs cannot inherit).</summary>
    public Task ResetAsync(string name, string key, CancellationToken ct) =>
        ZfsProperties.ResetInsteadOfInherit.TryGetValue(key, out var value)
            ? SetAsync(name, key, value, ct)
            : RunAsync(["inherit", key, name], $"Cannot reset {key} on {name}", ct);

    public Task RenameAsync(string from, string to, CancellationToken ct) =>
        RunAsync(["rename", from, to], $"Cannot rename {from} to {to}", ct);

    /// <summary><c>zfs destroy</c>; with <paramref name="recursive"/> <c>-r</c> (children and snapshots, never clones elsewhere).</summary>
    public Task DestroyAsync(string name, bool recursive, CancellationToken ct) =>
        RunAsync(recursive ? ["destroy", "-r", name] : ["destroy", name], $"Cannot destroy {name}", ct);

    /// <summary>Children and snapshots of <paramref name="name"/> (not the dataset itself); null when it does not exist.</summary>
    public async Task<IReadOnlyList<string>?> DependentsAsync(string name, CancellationToken ct)
    {
        var result = await remote.RunToolAsync("zfs", ["list", "-H", "-o", "name", "-r", "-t", "all", name], ct).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return ZfsGetOutput.OnlyMissingDatasets(result.Stderr) ? null : throw new HostException($"Cannot list what {name} contains", result.Describe());
        }
        return [.. result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(n => n != name)];
    }

    /// <summary>
    /// Why <paramref name="name"/> may not be created (or renamed to) here: it lies inside a dataset
    /// the user declared as Incus-owned, or whose nearest existing ancestor carries
    /// <c>homelab:owner=incus</c> (ZFS inherits user properties, so the ancestor's value covers all
    /// above it). Null when it is fine. A missing parent is reported too.
    /// </summary>
    public async Task<string?> PlacementProblemAsync(string name, bool fresh, CancellationToken ct)
    {
        foreach (var declared in remote.Settings.IncusDatasets)
        {
            if (DatasetName.IsAtOrInside(name, declared))
            {
                return $"{name} would be inside {declared}, which the remote \"{remote.Name}\" declares as owned by Incus (`incus_datasets`). Incus manages what lives there; choose a dataset outside it.";
            }
        }
        // At plan time (fresh = false) a missing parent may still be created by another resource
        // of the same apply, so look further up for the nearest dataset that exists.
        for (var ancestor = DatasetName.Parent(name); ancestor is not null; ancestor = DatasetName.Parent(ancestor))
        {
            var info = fresh ? await reader.ReadFreshAsync(ancestor, ct).ConfigureAwait(false) : await reader.ReadAsync(ancestor, ct).ConfigureAwait(false);
            if (info is null)
            {
                if (fresh)
                {
                    return $"The parent dataset {ancestor} does not exist on remote \"{remote.Name}\". Create it first (e.g. as another homelab_zfs_dataset whose `name` this one references, so it is created before).";
                }
                continue;
            }
            return info.IncusOwner() is { } owner
                ? $"{name} would be inside {owner}, which carries `{ZfsProperties.OwnerKey}=incus`: Incus owns that dataset and everything in it. Choose a dataset outside it."
                : null;
        }
        return null;
    }

    private async Task RunAsync(IReadOnlyList<string> args, string summary, CancellationToken ct)
    {
        try
        {
            var result = await remote.RunToolAsync("zfs", args, ct).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                throw new HostException(summary, result.Describe());
            }
        }
        finally
        {
            reader.Invalidate();
        }
    }
}
