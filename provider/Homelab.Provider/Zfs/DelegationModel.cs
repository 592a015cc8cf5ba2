using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Zfs;

/// <summary>Explicit mapping between <c>homelab_zfs_delegation</c> values and <see cref="Delegation"/> (AOT-safe, no reflection).</summary>
internal static class DelegationModel
{
    /// <summary>The who of a configuration or state; null when unknown or not exactly one of user, group, everyone.</summary>
    public static DelegationWho? Who(TfValue v)
    {
        var user = v.GetString("user");
        var group = v.GetString("group");
        var everyone = v.GetBool("everyone");
        if (user.IsUnknown || group.IsUnknown || everyone.IsUnknown)
        {
            return null;
        }
        var isEveryone = everyone.IsKnown && everyone.Value;
        return (user.Value, group.Value, isEveryone) switch
        {
            ({ } u, null, false) => new DelegationWho(DelegationWhoKind.User, u),
            (null, { } g, false) => new DelegationWho(DelegationWhoKind.Group, g),
            (null, null, true) => DelegationWho.Everyone,
            _ => null,
        };
    }

    /// <summary>The delegation a known object describes; null when something it needs is still unknown.</summary>
    public static Delegation? From(TfValue v)
    {
        var dataset = v.GetString("dataset");
        var permissions = v.GetStrings("permissions");
        var local = v.GetBool("local");
        var descendants = v.GetBool("descendants");
        if (!dataset.IsKnown || permissions.IsUnknown || local.IsUnknown || descendants.IsUnknown || Who(v) is not { } who)
        {
            return null;
        }
        return new Delegation(dataset.Value!, who, Scope(v), (permissions.Value ?? []).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>The scope in <paramref name="v"/> (a null flag is its default, true).</summary>
    public static DelegationScope Scope(TfValue v) =>
        new(v.GetBool("local") is not { IsKnown: true, Value: false }, v.GetBool("descendants") is not { IsKnown: true, Value: false });

    /// <summary>The pre-existing grants recorded in state (none when not recorded).</summary>
    public static DelegationGrants Preexisting(TfValue state) => new(
        (state.GetStrings("preexisting_local").Value ?? []).ToHashSet(StringComparer.Ordinal),
        (state.GetStrings("preexisting_descendants").Value ?? []).ToHashSet(StringComparer.Ordinal));

    /// <summary>
    /// What this resource granted itself, kept in the resource's private state (opaque to users):
    /// <c>local=a,b</c> and <c>descendants=c</c> lines. It tells a permission that drifted and is
    /// granted again apart from one someone else granted. Absent (older states, imports): nothing.
    /// </summary>
    public static byte[] EncodeGranted(DelegationGrants granted) => System.Text.Encoding.UTF8.GetBytes(
        $"local={string.Join(',', granted.Local.Order(StringComparer.Ordinal))}\ndescendants={string.Join(',', granted.Descendants.Order(StringComparer.Ordinal))}\n");

    public static DelegationGrants DecodeGranted(byte[]? bytes)
    {
        if (bytes is null || bytes.Length == 0)
        {
            return DelegationGrants.None;
        }
        var lines = System.Text.Encoding.UTF8.GetString(bytes).Split('\n');
        HashSet<string> Read(string key) => lines.Where(l => l.StartsWith(key + "=", StringComparison.Ordinal))
            .SelectMany(l => l[(key.Length + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries)).ToHashSet(StringComparer.Ordinal);
        return new(Read("local"), Read("descendants"));
    }

    /// <summary>
    /// The state: <paramref name="template"/> (the plan or prior state, which holds who, scope and
    /// remote) with the permissions held, the id and the pre-existing grants.
    /// </summary>
    public static TfValue ToState(TfValue template, Delegation delegation, string remote, IReadOnlySet<string> held, DelegationGrants preexisting) =>
        template
            .With("remote", TfValue.String(remote))
            .With("local", TfValue.Bool(delegation.Scope.Local))
            .With("descendants", TfValue.Bool(delegation.Scope.Descendants))
            .With("permissions", TfValueAccessors.StringSet(held.Order(StringComparer.Ordinal)))
            .With("id", TfValue.String(delegation.Id))
            .With("preexisting_local", TfValueAccessors.StringSet(preexisting.Local.Order(StringComparer.Ordinal)))
            .With("preexisting_descendants", TfValueAccessors.StringSet(preexisting.Descendants.Order(StringComparer.Ordinal)));
}
