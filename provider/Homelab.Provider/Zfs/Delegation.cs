namespace Homelab.Provider.Zfs;

/// <summary>Whom a <c>zfs allow</c> grant is for.</summary>
internal enum DelegationWhoKind
{
    User,
    Group,
    Everyone,
}

/// <summary>
/// A user, a group or everyone, as <c>zfs allow</c> takes it (<c>-u NAME</c>, <c>-g NAME</c>,
/// <c>-e</c>) and as <c>zfs allow &lt;dataset&gt;</c> prints it (<c>user NAME</c>,
/// <c>group NAME</c>, <c>everyone</c>).
/// </summary>
internal sealed record DelegationWho(DelegationWhoKind Kind, string? Name)
{
    public static readonly DelegationWho Everyone = new(DelegationWhoKind.Everyone, null);

    /// <summary>The options naming this who on the <c>zfs allow</c>/<c>unallow</c> command line (argv words, never shell text).</summary>
    public IReadOnlyList<string> Options => Kind switch
    {
        DelegationWhoKind.User => ["-u", Name!],
        DelegationWhoKind.Group => ["-g", Name!],
        _ => ["-e"],
    };

    /// <summary>The who's part of the resource id and the import id: <c>user:NAME</c>, <c>group:NAME</c>, <c>everyone</c>.</summary>
    public string Id => Kind switch
    {
        DelegationWhoKind.User => "user:" + Name,
        DelegationWhoKind.Group => "group:" + Name,
        _ => "everyone",
    };

    public override string ToString() => Kind == DelegationWhoKind.Everyone ? "everyone" : $"{Kind.ToString().ToLowerInvariant()} {Name}";
}

/// <summary>
/// Permissions of one who on one dataset, split by where they apply: <see cref="Local"/> (the
/// dataset itself, <c>zfs allow -l</c>) and <see cref="Descendants"/> (its children, <c>-d</c>).
/// OpenZFS stores the two separately, so a permission granted with <c>-ld</c> is in both, and
/// <c>zfs unallow -l</c> removes only the local half.
/// </summary>
internal sealed record DelegationGrants(IReadOnlySet<string> Local, IReadOnlySet<string> Descendants)
{
    public static readonly DelegationGrants None = new(new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));

    /// <summary>Whether <paramref name="permission"/> is held in every scope asked for.</summary>
    public bool Holds(string permission, DelegationScope scope) =>
        (!scope.Local || Local.Contains(permission)) && (!scope.Descendants || Descendants.Contains(permission));

    /// <summary>These grants restricted to <paramref name="permissions"/> in <paramref name="scope"/>.</summary>
    public DelegationGrants Within(IEnumerable<string> permissions, DelegationScope scope)
    {
        var wanted = permissions.ToHashSet(StringComparer.Ordinal);
        return new(
            scope.Local ? Local.Where(wanted.Contains).ToHashSet(StringComparer.Ordinal) : new HashSet<string>(StringComparer.Ordinal),
            scope.Descendants ? Descendants.Where(wanted.Contains).ToHashSet(StringComparer.Ordinal) : new HashSet<string>(StringComparer.Ordinal));
    }

    public DelegationGrants Except(DelegationGrants other) => new(
        Local.Except(other.Local, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal),
        Descendants.Except(other.Descendants, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal));

    /// <summary>What <paramref name="changes"/> grant (or revoke), as grants.</summary>
    public static DelegationGrants Of(IEnumerable<DelegationChange> changes)
    {
        var list = changes.ToList();
        return new(
            list.Where(c => c.Scope.Local).SelectMany(c => c.Permissions).ToHashSet(StringComparer.Ordinal),
            list.Where(c => c.Scope.Descendants).SelectMany(c => c.Permissions).ToHashSet(StringComparer.Ordinal));
    }

    public DelegationGrants Union(DelegationGrants other) => new(
        Local.Union(other.Local, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal),
        Descendants.Union(other.Descendants, StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal));
}

/// <summary>Where a delegation applies: the dataset itself (<c>-l</c>), its descendants (<c>-d</c>), or both (zfs allow's default).</summary>
internal readonly record struct DelegationScope(bool Local, bool Descendants)
{
    public static readonly DelegationScope Both = new(true, true);

    /// <summary>The scope option of <c>zfs allow</c>/<c>unallow</c>: <c>-l</c>, <c>-d</c> or <c>-ld</c>.</summary>
    public string Option => (Local, Descendants) switch
    {
        (true, true) => "-ld",
        (true, false) => "-l",
        _ => "-d",
    };

    /// <summary>The suffix of ids for a scope other than both: <c>:local</c> or <c>:descendants</c>.</summary>
    public string IdSuffix => (Local, Descendants) switch
    {
        (true, true) => "",
        (true, false) => ":local",
        _ => ":descendants",
    };
}

/// <summary>What a <c>homelab_zfs_delegation</c> asks for.</summary>
internal sealed record Delegation(string Dataset, DelegationWho Who, DelegationScope Scope, IReadOnlySet<string> Permissions)
{
    /// <summary>The resource id: <c>&lt;dataset&gt;:&lt;who&gt;[:local|:descendants]</c>, also the import id without a remote.</summary>
    public string Id => $"{Dataset}:{Who.Id}{Scope.IdSuffix}";
}

/// <summary>One <c>zfs allow</c> or <c>zfs unallow</c> call: these permissions in this scope.</summary>
internal sealed record DelegationChange(IReadOnlyList<string> Permissions, DelegationScope Scope);
