using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Zfs;

namespace Homelab.Provider.Tests.Zfs;

/// <summary>
/// The parser of OpenZFS' <c>zfs allow</c> output (listings built in the layout of OpenZFS'
/// zfs_main.c print functions: header padded to 70 columns, set and create-time sections, users,
/// groups, everyone), its permission table, the import id and the planning of what to
/// allow and unallow.
/// </summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class DelegationUnitTests
{
    private static string Head(string ds)
    {
        var head = $"---- Permissions on {ds} ";
        return head + new string('-', Math.Max(0, 70 - head.Length)) + "\n";
    }

    private static readonly string Listing =
        Head("tank/backup") +
        "Permission sets:\n" +
        "\t@pullset hold,send\n" +
        "\t@other mount\n" +
        "Create time permissions:\n" +
        "\tdestroy,mount\n" +
        "Local permissions:\n" +
        "\tuser backup @pullset,snapshot\n" +
        "\tgroup wheel destroy\n" +
        "Descendent permissions:\n" +
        "\tuser backup receive\n" +
        "\teveryone mount\n" +
        "Local+Descendent permissions:\n" +
        "\tuser backup hold,send\n" +
        "\tuser 1234 create\n" +
        Head("tank") +
        "Local+Descendent permissions:\n" +
        "\tuser backup destroy\n";

    private static DelegationWho User(string n) => new(DelegationWhoKind.User, n);

    private static HashSet<string> Set(params string[] s) => s.ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void Listing_is_parsed_per_dataset_with_sets_create_time_users_groups_and_everyone()
    {
        var sections = DelegationAllowOutput.Parse(Listing);
        Assert.Equal(["tank/backup", "tank"], sections.Select(s => s.Dataset));
        var own = sections[0];
        Assert.Equal(["hold", "send"], own.PermissionSets["@pullset"]);
        Assert.Equal(["mount"], own.PermissionSets["@other"]);
        Assert.Equal(["destroy", "mount"], own.CreateTime);
        var backup = own.GrantsOf(User("backup"));
        Assert.Equal(Set("@pullset", "snapshot", "hold", "send"), backup.Local);
        Assert.Equal(Set("receive", "hold", "send"), backup.Descendants);
        Assert.Equal(Set("destroy"), own.GrantsOf(new DelegationWho(DelegationWhoKind.Group, "wheel")).Local);
        Assert.Empty(own.GrantsOf(new DelegationWho(DelegationWhoKind.Group, "wheel")).Descendants);
        Assert.Equal(Set("mount"), own.GrantsOf(DelegationWho.Everyone).Descendants);
        Assert.Equal(Set("create"), own.GrantsOf(User("1234")).Local);
        // A user called like a group, or everyone, is a different who.
        Assert.Empty(own.GrantsOf(User("wheel")).Local);
        // The ancestor's grant is the ancestor's.
        Assert.Equal(Set("destroy"), sections[1].GrantsOf(User("backup")).Local);
        Assert.DoesNotContain("destroy", backup.Local);
    }

    [Fact]
    public void A_long_dataset_name_has_a_header_without_dashes_and_an_empty_listing_no_sections()
    {
        var name = "tank/" + new string('a', 80) + "-";
        var sections = DelegationAllowOutput.Parse(Head(name) + "Local permissions:\n\tuser u send\n");
        Assert.Equal(name, Assert.Single(sections).Dataset);
        Assert.Empty(DelegationAllowOutput.Parse(""));
    }

    [Theory]
    [InlineData("Local permissions:\n\tuser backup send\n", "before the first")]
    [InlineData("---- Permissions on tank/a ---------\n\tuser backup send\n", "outside any section")]
    [InlineData("---- Permissions on tank/a ---------\nLocal grants:\n", "unknown section")]
    [InlineData("---- Permissions on tank/a ---------\nLocal permissions:\n\tuser backup\n", "not `user NAME")]
    [InlineData("---- Permissions on tank/a ---------\nLocal permissions:\n\tuser backup send,,hold\n", "malformed permission list")]
    [InlineData("---- Permissions on tank/a ---------\nLocal permissions:\n\tuser two words send\n", "not `user NAME")]
    [InlineData("---- Permissions on tank/a ---------\nPermission sets:\n\tpullset send\n", "not `@name")]
    public void Unexpected_listing_text_is_refused_not_guessed(string text, string expected)
    {
        var e = Assert.Throws<FormatException>(() => DelegationAllowOutput.Parse(text));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Permission_table_is_read_from_the_usage_text()
    {
        static string Row(string n, string t, string c) => $"{n,-16} {t,-14}\t{c}\n";
        var usage = "Usage: ...\nOptions:\n  -h          show this help message and exit\n\nThe following permissions are supported:\n\n"
            + Row("NAME", "TYPE", "NOTES") + Row("allow", "subcommand", "Must also have the permission that is being allowed")
            + Row("send", "subcommand", "") + Row("send:raw", "subcommand", "Allows sending the raw version") + Row("userprop", "other", "Allows changing any user property")
            + Row("compression", "property", "") + "\nzfs: error: missing dataset argument\n";
        Assert.Equal(Set("allow", "send", "send:raw", "userprop", "compression"), DelegationAllowOutput.ParsePermissionTable(usage));
        Assert.Null(DelegationAllowOutput.ParsePermissionTable("internal error: /usr/lib/zfs/pyzfs.py not found\n"));
    }

    [Fact]
    public void Create_records_what_was_held_per_scope_and_allows_only_the_rest()
    {
        var present = new DelegationGrants(Set("snapshot", "send"), Set("snapshot"));
        var (pre, allow) = DelegationPlanner.Grant(["send", "hold", "snapshot"], DelegationScope.Both, present);
        Assert.Equal(Set("snapshot", "send"), pre.Local);
        Assert.Equal(Set("snapshot"), pre.Descendants);
        Assert.Equal(
            [new DelegationChange(["send"], new(false, true)), new DelegationChange(["hold"], DelegationScope.Both)],
            allow.Select(c => c with { Permissions = [.. c.Permissions] }),
            new ChangeComparer());
        // Local scope only: descendants are neither recorded nor granted.
        var (preLocal, allowLocal) = DelegationPlanner.Grant(["send", "hold"], new(true, false), present);
        Assert.Equal(Set("send"), preLocal.Local);
        Assert.Empty(preLocal.Descendants);
        Assert.Equal(["hold"], Assert.Single(allowLocal).Permissions);
        Assert.Equal("-l", allowLocal[0].Scope.Option);
    }

    [Fact]
    public void Destroy_unallows_only_what_this_resource_added_and_is_still_held()
    {
        var preexisting = new DelegationGrants(Set("snapshot", "send"), Set("snapshot"));
        var present = new DelegationGrants(Set("snapshot", "send", "hold", "mount"), Set("snapshot", "send"));
        var revoke = DelegationPlanner.Revoke(["send", "hold", "snapshot"], DelegationScope.Both, preexisting, present);
        // send: local pre-existing → only its descendant half goes; hold: only held locally now;
        // snapshot: pre-existing in both; mount: never requested.
        Assert.Equal(["-d send", "-l hold"], revoke.Select(c => $"{c.Scope.Option} {string.Join(',', c.Permissions)}").OrderBy(s => s.Length).ThenBy(s => s, StringComparer.Ordinal));
        Assert.Empty(DelegationPlanner.Revoke(["send"], DelegationScope.Both, preexisting, DelegationGrants.None));
    }

    [Fact]
    public void Update_revokes_removed_grants_added_records_added_preexisting_and_regrants_drift()
    {
        var preexisting = new DelegationGrants(Set("snapshot"), Set("snapshot"));
        // State had send, hold, snapshot; config now send, snapshot, mount. hold was ours; mount is
        // already held locally by someone else's grant; send lost its local half out of band.
        var present = new DelegationGrants(Set("hold", "snapshot", "mount"), Set("send", "hold", "snapshot"));
        var (pre, allow, unallow) = DelegationPlanner.Update(Set("send", "hold", "snapshot"), Set("send", "snapshot", "mount"), DelegationScope.Both, preexisting, DelegationGrants.None, present);
        Assert.Equal(Set("snapshot", "mount"), pre.Local);
        Assert.Equal(Set("snapshot"), pre.Descendants);
        Assert.Equal(["-ld hold"], unallow.Select(c => $"{c.Scope.Option} {string.Join(',', c.Permissions)}"));
        Assert.Equal(["-d mount", "-l send"], allow.Select(c => $"{c.Scope.Option} {string.Join(',', c.Permissions)}").Order(StringComparer.Ordinal));
        // A pre-existing permission dropped from the configuration is never unallowed.
        var (pre2, _, unallow2) = DelegationPlanner.Update(Set("send", "snapshot"), Set("send"), DelegationScope.Both, preexisting, DelegationGrants.None, present);
        Assert.DoesNotContain("snapshot", unallow2.SelectMany(c => c.Permissions));
        Assert.Empty(pre2.Local);
    }

    [Fact]
    public void A_drifted_permission_granted_again_stays_this_resources_own()
    {
        // hold was granted by the resource (-ld); its local half was unallowed out of band, so the
        // refreshed state lost it and the update brings it back: the remaining descendant half is
        // the resource's own grant, not a pre-existing one.
        var granted = new DelegationGrants(Set("hold"), Set("hold"));
        var present = new DelegationGrants(Set("send"), Set("send", "hold"));
        var (pre, allow, _) = DelegationPlanner.Update(Set("send"), Set("send", "hold"), DelegationScope.Both, DelegationGrants.None, granted, present);
        Assert.Empty(pre.Local);
        Assert.Empty(pre.Descendants);
        Assert.Equal(["-l hold"], allow.Select(c => $"{c.Scope.Option} {string.Join(',', c.Permissions)}"));
        // Without that record, the held half counts as pre-existing (kept on destroy: the safe side).
        var (preUnknown, _, _) = DelegationPlanner.Update(Set("send"), Set("send", "hold"), DelegationScope.Both, DelegationGrants.None, DelegationGrants.None, present);
        Assert.Equal(Set("hold"), preUnknown.Descendants);
        Assert.Equal(granted, DelegationModel.DecodeGranted(DelegationModel.EncodeGranted(granted)), new GrantsComparer());
        Assert.Empty(DelegationModel.DecodeGranted(null).Local);
    }

    [Fact]
    public void Held_shows_requested_permissions_held_in_every_requested_scope()
    {
        var present = new DelegationGrants(Set("send", "hold", "extra"), Set("send"));
        Assert.Equal(Set("send"), DelegationPlanner.Held(["send", "hold"], DelegationScope.Both, present));
        Assert.Equal(Set("send", "hold"), DelegationPlanner.Held(["send", "hold"], new(true, false), present));
    }

    [Theory]
    [InlineData("tank/backup:user:syncoid", null, "tank/backup", "user:syncoid", "-ld")]
    [InlineData("local:tank/backup:group:backup:local", "local", "tank/backup", "group:backup", "-l")]
    [InlineData("tank/a:b:everyone:descendants", null, "tank/a:b", "everyone", "-d")]
    [InlineData("tank/a:user:local", null, "tank/a", "user:local", "-ld")]
    [InlineData("tank/a:user:everyone", null, "tank/a", "user:everyone", "-ld")]
    [InlineData("other:tank/a:everyone", null, "other:tank/a", "everyone", "-ld")]
    public void Import_ids_are_read_from_the_right(string id, string? remote, string dataset, string who, string scope)
    {
        var parsed = DelegationImportId.Parse(id, r => r == "local");
        Assert.NotNull(parsed);
        var (r, d, w, s) = parsed.Value;
        Assert.Equal(remote, r);
        Assert.Equal(dataset, d);
        Assert.Equal(who, w.Id);
        Assert.Equal(scope, s.Option);
    }

    [Theory]
    [InlineData("tank/backup")]
    [InlineData("tank/backup:user:")]
    [InlineData("tank/backup:user:Bad Name")]
    [InlineData("tank/backup:user:-rf")]
    [InlineData("tank:user:backup")]
    [InlineData("tank/b$(id):everyone")]
    [InlineData("everyone")]
    public void Bad_import_ids_are_refused(string id) => Assert.Null(DelegationImportId.Parse(id, r => r == "local"));

    [Fact]
    public void Who_must_be_exactly_one_and_scope_not_empty()
    {
        var resource = new DelegationResource();
        TfValue Config(TfValue user, TfValue group, TfValue everyone, bool local = true, bool descendants = true) =>
            TfValue.Object(resource.Schema.ImpliedType, resource.Schema.Block.Attributes.Select(a => KeyValuePair.Create(a.Name, a.Name switch
            {
                "dataset" => TfValue.String("tank/a"),
                "user" => user,
                "group" => group,
                "everyone" => everyone,
                "local" => TfValue.Bool(local),
                "descendants" => TfValue.Bool(descendants),
                "permissions" => TfValueAccessors.StringSet(["send"]),
                _ => TfValue.Null(a.Type),
            })));
        var nullS = TfValue.Null(TfType.String);
        var nullB = TfValue.Null(TfType.Bool);
        DiagnosticBag Check(TfValue c)
        {
            var d = new DiagnosticBag();
            resource.ValidateConfig(c, d);
            return d;
        }
        Assert.False(Check(Config(TfValue.String("u"), nullS, nullB)).HasErrors);
        Assert.False(Check(Config(nullS, nullS, TfValue.Bool(true))).HasErrors);
        Assert.False(Check(Config(TfValue.String("u"), nullS, TfValue.Bool(false))).HasErrors);
        Assert.Contains("exactly one", Assert.Single(Check(Config(nullS, nullS, nullB))).Detail, StringComparison.Ordinal);
        Assert.Equal("user", Assert.Single(Check(Config(TfValue.String("u"), TfValue.String("g"), nullB))).Path!.ToString());
        Assert.Single(Check(Config(TfValue.String("u"), nullS, TfValue.Bool(true))));
        Assert.Equal("descendants", Assert.Single(Check(Config(TfValue.String("u"), nullS, nullB, false, false))).Path!.ToString());
        // Unknown who values wait for apply.
        Assert.False(Check(Config(TfValue.Unknown(TfType.String), nullS, nullB)).HasErrors);
    }

    [Theory]
    [InlineData("send", true)]
    [InlineData("send:raw", true)]
    [InlineData("@pullset", false)]
    [InlineData("send,destroy", false)]
    [InlineData("-send", false)]
    [InlineData("send\n", false)]
    [InlineData("Send", false)]
    public void Permission_names_are_checked_whole(string name, bool valid) =>
        Assert.Equal(valid, Framework.Schema.Validators.IsFullMatch(DelegationSchema.PermissionName(), name));

    private sealed class GrantsComparer : IEqualityComparer<DelegationGrants>
    {
        public bool Equals(DelegationGrants? x, DelegationGrants? y) => x!.Local.SetEquals(y!.Local) && x.Descendants.SetEquals(y.Descendants);

        public int GetHashCode(DelegationGrants obj) => obj.Local.Count;
    }

    private sealed class ChangeComparer : IEqualityComparer<DelegationChange>
    {
        public bool Equals(DelegationChange? x, DelegationChange? y) => x!.Scope == y!.Scope && x.Permissions.SequenceEqual(y.Permissions);

        public int GetHashCode(DelegationChange obj) => obj.Scope.GetHashCode();
    }
}
