using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Host;
using Homelab.Provider.Zfs;

namespace Homelab.Provider.Tests.Zfs;

/// <summary>
/// <c>homelab_zfs_delegation</c>'s identity (remote, dataset, who, scope) names the same
/// delegation as its import id: state → identity → import id parses back to the state's parts.
/// </summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class DelegationIdentityTests
{
    private static readonly HostRegistry Registry = new([new RemoteSettings { Name = "local" }, new RemoteSettings { Name = "atlas" }], "local");

    public static TheoryData<string?, string?, bool, bool, bool, string, string?> States => new()
    {
        { "syncoid", null, false, true, true, "user:syncoid", null },
        { null, "backup", false, true, false, "group:backup", "local" },
        { null, null, true, false, true, "everyone", "descendants" },
        { "local", null, false, true, true, "user:local", null },
    };

    [Theory]
    [MemberData(nameof(States))]
    public void Identity_and_import_id_name_the_same_delegation(string? user, string? group, bool everyone, bool local, bool descendants, string who, string? scope)
    {
        var resource = new DelegationResource();
        var state = State("atlas", "tank/a:b", user, group, everyone, local, descendants);

        var identity = resource.IdentityOf(state, Registry);

        Assert.True(identity.IsWhollyKnown);
        Assert.Equal("atlas", identity.GetString("remote").Get());
        Assert.Equal("tank/a:b", identity.GetString("dataset").Get());
        Assert.Equal(who, identity.GetString("who").Get());
        Assert.Equal(scope, identity.GetString("scope").OrNull());
        var diags = new DiagnosticBag();
        var id = resource.ImportIdOf(identity, Registry, diags);
        Assert.Empty(diags);
        var parsed = DelegationImportId.Parse(id!, Registry.Contains);
        Assert.NotNull(parsed);
        var (remote, dataset, parsedWho, parsedScope) = parsed.Value;
        Assert.Equal(("atlas", "tank/a:b"), (remote, dataset));
        Assert.Equal(user ?? group, parsedWho.Name);
        Assert.Equal((local, descendants), (parsedScope.Local, parsedScope.Descendants));
    }

    [Fact]
    public void A_plan_with_an_unknown_user_has_an_unknown_who_and_a_bad_scope_is_refused()
    {
        var resource = new DelegationResource();
        var planned = State(null, "tank/a", "x", null, false, true, true).With("user", TfValue.Unknown(TfType.String));

        var identity = resource.IdentityOf(planned, Registry);

        Assert.Equal("local", identity.GetString("remote").Get());
        Assert.True(identity["who"].IsUnknown);
        var diags = new DiagnosticBag();
        Assert.Null(resource.ImportIdOf(identity.With("who", TfValue.String("everyone")).With("scope", TfValue.String("both")), Registry, diags));
        Assert.Equal("scope", Assert.Single(diags).Path?.ToString());
    }

    private static TfValue State(string? remote, string dataset, string? user, string? group, bool everyone, bool local, bool descendants)
    {
        static TfValue Str(string? s) => s is null ? TfValue.Null(TfType.String) : TfValue.String(s);
        return TfValue.Object(new DelegationResource().Schema.ImpliedType,
        [
            KeyValuePair.Create("remote", Str(remote)),
            KeyValuePair.Create("dataset", TfValue.String(dataset)),
            KeyValuePair.Create("user", Str(user)),
            KeyValuePair.Create("group", Str(group)),
            KeyValuePair.Create("everyone", everyone ? TfValue.True : TfValue.Null(TfType.Bool)),
            KeyValuePair.Create("local", TfValue.Bool(local)),
            KeyValuePair.Create("descendants", TfValue.Bool(descendants)),
        ]);
    }
}
