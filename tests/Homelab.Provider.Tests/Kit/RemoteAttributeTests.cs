using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Host;
using Homelab.Provider.Kit;

namespace Homelab.Provider.Tests.Kit;

/// <summary>
/// The planning rule of the one `remote` attribute, in process (no host is contacted: remotes are
/// created lazily and these calls never run a command).
/// </summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class RemoteAttributeTests
{
    private static readonly Block Block = new()
    {
        Attributes =
        [
            new SchemaAttribute("name", TfType.String, "") { Required = true },
            RemoteAttribute.Definition("the thing"),
        ],
    };

    private static readonly TfType Type = Block.ImpliedType;

    private static HostRegistry Registry(string defaultRemote = "a") =>
        new([new RemoteSettings { Name = "a" }, new RemoteSettings { Name = "b" }], defaultRemote);

    private static TfValue Obj(string? remote, bool unknownRemote = false) => TfValue.Object(Type,
    [
        KeyValuePair.Create("name", TfValue.String("x")),
        KeyValuePair.Create("remote", unknownRemote ? TfValue.Unknown(TfType.String) : remote is null ? TfValue.Null(TfType.String) : TfValue.String(remote)),
    ]);

    [Fact]
    public void A_create_without_remote_records_the_default_remote_of_that_moment()
    {
        var response = new ModifyPlanResponse { Planned = Obj(null, unknownRemote: true) };

        var remote = RemoteAttribute.Plan(new ModifyPlanRequest(null, Obj(null), null, Registry("b")), response);

        Assert.Equal("b", remote!.Name);
        Assert.Equal(TfValue.String("b"), response.Planned!["remote"]);
        Assert.Empty(response.Diagnostics);
    }

    [Fact]
    public void An_update_keeps_the_recorded_remote_whatever_the_default_is_now()
    {
        var response = new ModifyPlanResponse { Planned = Obj("a") };

        var remote = RemoteAttribute.Plan(new ModifyPlanRequest(Obj("a"), Obj(null), null, Registry("b")), response);

        Assert.Equal("a", remote!.Name);
        Assert.Equal(TfValue.String("a"), response.Planned!["remote"]);
    }

    [Fact]
    public void A_legacy_state_without_remote_means_the_default_and_is_not_replaced()
    {
        // States written before the remote was recorded hold null; planning must not turn that
        // into a value (a RequiresReplace change) — the next refresh records it instead.
        var response = new ModifyPlanResponse { Planned = Obj(null) };
        var registry = Registry("a");

        var remote = RemoteAttribute.Plan(new ModifyPlanRequest(Obj(null), Obj(null), null, registry), response);

        Assert.Equal("a", remote!.Name);
        Assert.True(response.Planned!["remote"].IsNull);
        Assert.Equal("a", RemoteAttribute.NameIn(Obj(null), registry));
        Assert.Equal("a", RemoteAttribute.Of(Obj(null), registry).Name);
    }

    [Fact]
    public void An_unknown_remote_is_an_error_on_remote()
    {
        var response = new ModifyPlanResponse { Planned = Obj("nope") };

        var remote = RemoteAttribute.Plan(new ModifyPlanRequest(null, Obj("nope"), null, Registry()), response);

        Assert.Null(remote);
        var d = Assert.Single(response.Diagnostics);
        Assert.Equal(Severity.Error, d.Severity);
        Assert.Equal(AttrPath.Attribute("remote"), d.Path);
        Assert.Contains("No remote named \"nope\"", d.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_remote_whose_settings_are_known_only_after_apply_plans_without_host_checks()
    {
        var registry = new HostRegistry([new RemoteSettings { Name = "a" }], "a") { Unresolved = new HashSet<string> { "a" } };
        var response = new ModifyPlanResponse { Planned = Obj(null, unknownRemote: true) };

        var remote = RemoteAttribute.Plan(new ModifyPlanRequest(null, Obj(null), null, registry), response);

        Assert.Null(remote);
        Assert.Empty(response.Diagnostics);
        Assert.Equal(TfValue.String("a"), response.Planned!["remote"]);
    }

    [Fact]
    public void An_import_records_the_named_remote_or_the_default()
    {
        Assert.Equal("b", RemoteAttribute.Imported("b", Registry("a")));
        Assert.Equal("a", RemoteAttribute.Imported(null, Registry("a")));
    }
}
