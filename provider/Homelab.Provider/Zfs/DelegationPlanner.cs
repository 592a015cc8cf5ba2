namespace Homelab.Provider.Zfs;

/// <summary>
/// What a <c>homelab_zfs_delegation</c> allows and unallows (pure, unit tested). The rule: never
/// remove a permission it did not grant. Before granting, the who's current permissions on the
/// dataset are read; every requested permission it already held (per scope: local and
/// descendants are separate grants in OpenZFS) is recorded as pre-existing, and destroy or update
/// unallows only the rest, and only where it is still held.
/// </summary>
internal static class DelegationPlanner
{
    /// <summary>Create: what was already there (kept forever) and the <c>zfs allow</c> calls for the rest.</summary>
    public static (DelegationGrants Preexisting, IReadOnlyList<DelegationChange> Allow) Grant(IEnumerable<string> permissions, DelegationScope scope, DelegationGrants present)
    {
        var list = permissions.ToList();
        return (present.Within(list, scope), Missing(list, scope, present));
    }

    /// <summary>Destroy: the <c>zfs unallow</c> calls for what this resource added and the host still holds.</summary>
    public static IReadOnlyList<DelegationChange> Revoke(IEnumerable<string> permissions, DelegationScope scope, DelegationGrants preexisting, DelegationGrants present) =>
        Group(permissions.Select(p => (p, new DelegationScope(
            scope.Local && !preexisting.Local.Contains(p) && present.Local.Contains(p),
            scope.Descendants && !preexisting.Descendants.Contains(p) && present.Descendants.Contains(p)))));

    /// <summary>
    /// Update from <paramref name="before"/> (the permissions in state) to <paramref name="after"/>:
    /// removed ones are revoked (unless pre-existing), added ones granted (recording those already
    /// held), kept ones missing on the host granted again without changing what counts as pre-existing.
    /// <paramref name="granted"/> is what this resource granted before: a permission that drifted
    /// (half of it unallowed out of band, so it left the state) and comes back is still this
    /// resource's own, never pre-existing.
    /// </summary>
    public static (DelegationGrants Preexisting, IReadOnlyList<DelegationChange> Allow, IReadOnlyList<DelegationChange> Unallow) Update(
        IReadOnlySet<string> before, IReadOnlySet<string> after, DelegationScope scope, DelegationGrants preexisting, DelegationGrants granted, DelegationGrants present)
    {
        var added = after.Where(p => !before.Contains(p)).ToList();
        var kept = after.Where(before.Contains).ToList();
        var removed = before.Where(p => !after.Contains(p)).ToList();
        var addedPre = present.Within(added, scope).Except(granted);
        var allow = Missing(added.Concat(kept), scope, present);
        return (preexisting.Within(kept, scope).Union(addedPre), allow, Revoke(removed, scope, preexisting, present));
    }

    /// <summary>
    /// What the state shows as held: the requested permissions held in every requested scope (a
    /// permission removed out of band drops out and shows as drift; permissions outside the
    /// request never show).
    /// </summary>
    public static IReadOnlySet<string> Held(IEnumerable<string> requested, DelegationScope scope, DelegationGrants present) =>
        requested.Where(p => present.Holds(p, scope)).ToHashSet(StringComparer.Ordinal);

    private static IReadOnlyList<DelegationChange> Missing(IEnumerable<string> permissions, DelegationScope scope, DelegationGrants present) =>
        Group(permissions.Select(p => (p, new DelegationScope(scope.Local && !present.Local.Contains(p), scope.Descendants && !present.Descendants.Contains(p)))));

    /// <summary>One call per scope, permissions sorted (stable commands, stable tests).</summary>
    private static IReadOnlyList<DelegationChange> Group(IEnumerable<(string Permission, DelegationScope Scope)> items) =>
        [.. items.Where(i => i.Scope.Local || i.Scope.Descendants)
            .GroupBy(i => i.Scope)
            .OrderBy(g => g.Key.Option, StringComparer.Ordinal)
            .Select(g => new DelegationChange([.. g.Select(i => i.Permission).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)], g.Key))];
}
