using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Host;

namespace Homelab.Provider.Zfs;

/// <summary>
/// The host side of <c>homelab_zfs_delegation</c>, one per remote and process: the permission
/// names the host's <c>zfs allow</c> knows (its usage table, probed once through
/// <see cref="OnceSucceeded{T}"/>: a failed probe is retried on the next call), the listing of a
/// dataset's delegations, and the <c>zfs allow</c>/<c>zfs unallow</c> calls. Every value is an argv
/// word; a failure is a <see cref="HostException"/> naming the command and zfs' message.
/// </summary>
internal sealed class DelegationCommands
{
    private readonly Remote _remote;
    private readonly OnceSucceeded<IReadOnlySet<string>> _permissions;

    private DelegationCommands(Remote remote)
    {
        _remote = remote;
        _permissions = new(LoadPermissionsAsync);
    }

    public static DelegationCommands For(Remote remote) => remote.GetService(r => new DelegationCommands(r));

    /// <summary>Every permission name the host's <c>zfs allow</c> accepts. Throws <see cref="HostException"/> (on <c>permissions</c>) when it has no delegation.</summary>
    public Task<IReadOnlySet<string>> PermissionsAsync(CancellationToken ct) => _permissions.GetAsync(ct);

    /// <summary>
    /// The dataset's own delegations (ancestors' sections are left out: what they grant is theirs),
    /// null when the dataset does not exist.
    /// </summary>
    public async Task<DatasetDelegations?> ReadAsync(string dataset, CancellationToken ct)
    {
        var result = await _remote.RunToolAsync("zfs", ["allow", dataset], ct).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            if (ZfsGetOutput.OnlyMissingDatasets(result.Stderr))
            {
                return null;
            }
            throw new HostException("Cannot read ZFS delegations", $"Reading the delegated permissions of {dataset} on remote \"{_remote.Name}\" failed: {Explain(result)}");
        }
        IReadOnlyList<DatasetDelegations> sections;
        try
        {
            sections = DelegationAllowOutput.Parse(result.Stdout);
        }
        catch (FormatException e)
        {
            throw new HostException("Cannot read ZFS delegations", $"`zfs allow {dataset}` on remote \"{_remote.Name}\" printed something this provider does not understand, so nothing was changed: {e.Message}");
        }
        return sections.FirstOrDefault(s => s.Dataset == dataset) ?? new DatasetDelegations(dataset, new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal), [], []);
    }

    /// <summary>Runs <c>zfs allow</c> (or <c>zfs unallow</c>) for each change.</summary>
    public async Task ApplyAsync(string dataset, DelegationWho who, IReadOnlyList<DelegationChange> changes, bool unallow, CancellationToken ct)
    {
        var verb = unallow ? "unallow" : "allow";
        foreach (var change in changes)
        {
            var result = await _remote.RunToolAsync("zfs", [verb, .. who.Options, change.Scope.Option, string.Join(',', change.Permissions), dataset], ct).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                throw new HostException($"zfs {verb} failed", $"On remote \"{_remote.Name}\": {Explain(result)}");
            }
        }
    }

    private async Task<IReadOnlySet<string>> LoadPermissionsAsync()
    {
        // `zfs allow -h` prints the usage with the permission table on stdout (exit 0); some
        // builds print it on stderr. Either way the table decides, not the exit code.
        var result = await _remote.RunToolAsync("zfs", ["allow", "-h"], CancellationToken.None).ConfigureAwait(false);
        return DelegationAllowOutput.ParsePermissionTable(result.Stdout + "\n" + result.Stderr)
            ?? throw new HostException("zfs allow is not available",
                $"The zfs on remote \"{_remote.Name}\" printed no permission table for `zfs allow -h`, so it cannot delegate permissions (OpenZFS can; zfs-fuse cannot): {Explain(result)}",
                AttrPath.Attribute("permissions"));
    }

    /// <summary>
    /// The command, its exit code and what it printed: zfs-fuse prints its "internal error" on
    /// stdout, and its <c>zfs allow</c> needs a Python helper it does not ship, which is said plainly.
    /// </summary>
    private static string Explain(CommandResult result)
    {
        var stdout = result.Stdout.Trim();
        var text = result.Describe() + (result.Succeeded || stdout.Length == 0 ? "" : $" It printed: {(stdout.Length > 1000 ? stdout[..1000] + " …" : stdout)}");
        return (result.Stderr + result.Stdout).Contains("pyzfs", StringComparison.Ordinal)
            ? text + " This zfs (zfs-fuse) has no working `zfs allow`: delegation needs OpenZFS."
            : text;
    }
}
