namespace Homelab.Provider.Zfs;

/// <summary>
/// Import ids of <c>homelab_zfs_delegation</c>: <c>[&lt;remote&gt;:]&lt;dataset&gt;:&lt;who&gt;[:local|:descendants]</c>,
/// <c>&lt;who&gt;</c> being <c>user:NAME</c>, <c>group:NAME</c> or <c>everyone</c>. Read from the
/// right (dataset names may contain <c>:</c>); the rest is a dataset id through <see cref="ImportId"/>.
/// </summary>
internal static class DelegationImportId
{
    public const string Grammar = "The id is `[<remote>:]<dataset>:<who>[:local|:descendants]` with `<who>` one of `user:<name>`, `group:<name>` or `everyone`, e.g. `tank/backup:user:syncoid`, `atlas:tank/backup:group:backup:local` or `tank/share:everyone`.";

    public static (string? Remote, string Dataset, DelegationWho Who, DelegationScope Scope)? Parse(string id, Func<string, bool> isRemote)
    {
        var words = id.Split(':');
        // A scope suffix, else (a user or group named `local`) none.
        if (words.Length > 1 && words[^1] is "local" or "descendants"
            && TryWho(words[..^1], isRemote, words[^1] == "local" ? new DelegationScope(true, false) : new DelegationScope(false, true)) is { } scoped)
        {
            return scoped;
        }
        return TryWho(words, isRemote, DelegationScope.Both);
    }

    private static (string? Remote, string Dataset, DelegationWho Who, DelegationScope Scope)? TryWho(string[] words, Func<string, bool> isRemote, DelegationScope scope)
    {
        DelegationWho who;
        string[] rest;
        // `user:NAME`/`group:NAME` first: in `tank/a:user:everyone` the user is named everyone.
        if (words.Length >= 3 && words[^2] is "user" or "group" && Framework.Schema.Validators.IsFullMatch(DelegationSchema.PrincipalName(), words[^1]))
        {
            who = new DelegationWho(words[^2] == "user" ? DelegationWhoKind.User : DelegationWhoKind.Group, words[^1]);
            rest = words[..^2];
        }
        else if (words.Length >= 2 && words[^1] == "everyone")
        {
            who = DelegationWho.Everyone;
            rest = words[..^1];
        }
        else
        {
            return null;
        }
        var (remote, dataset) = ImportId.Parse(string.Join(':', rest), isRemote);
        return DatasetName.Check(dataset) is null ? (remote, dataset, who, scope) : null;
    }
}
