using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Testing;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Host;

namespace Homelab.Provider.Tests.Kit;

/// <summary>
/// Every resource declares the identity <c>remote</c> + <c>name</c>, and it names the same object
/// as its import id: identity → import id → import → identity is the identity (in process; an
/// import runs no command).
/// </summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class RemoteNameIdentityTests
{
    private static readonly HostRegistry Registry = new([new RemoteSettings { Name = "local" }, new RemoteSettings { Name = "atlas" }], "local");

    public static TheoryData<string, string> Resources => new()
    {
        { "homelab_zfs_dataset", "tank/media" },
        { "homelab_sanoid_policy", "persistent" },
        { "homelab_syncoid_job", "replica" },
        { "homelab_restic_job", "offsite" },
        { "homelab_ntfy_alert", "phone" },
    };

    [Fact]
    public void Every_resource_declares_an_identity_and_the_schema_rules_accept_it()
    {
        var provider = new HomelabProvider();
        Assert.All(provider.Resources, r => Assert.IsAssignableFrom<IResourceIdentity>(r));
        Assert.Empty(ProviderTesting.CheckSchemas(provider));
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public void The_identity_is_remote_and_name_with_only_the_name_required(string type, string _)
    {
        var schema = Identity(type).IdentitySchema;

        Assert.Equal(0, schema.Version);
        Assert.Equal(["remote", "name"], schema.Attributes.Select(a => a.Name));
        Assert.All(schema.Attributes, a => Assert.Equal(TfType.String, a.Type));
        Assert.True(schema.Attributes[0].OptionalForImport);
        Assert.True(schema.Attributes[1].RequiredForImport);
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task Import_by_identity_imports_what_the_id_remote_colon_name_imports(string type, string name)
    {
        var given = IdentityValue(type, "atlas", name);

        var (imported, diags) = await ImportByIdentity(type, given);

        Assert.Empty(diags);
        Assert.Equal(name, imported.GetString("name").Get());
        Assert.Equal("atlas", imported.GetString("remote").Get());
        Assert.Equal(given, Identity(type).IdentityOf(imported, Registry));
        var (byId, _) = await Import(type, $"atlas:{name}");
        Assert.Equal(imported, byId);
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task An_identity_without_remote_imports_on_the_default_remote(string type, string name)
    {
        var (imported, diags) = await ImportByIdentity(type, IdentityValue(type, null, name));

        Assert.Empty(diags);
        Assert.Equal("local", imported.GetString("remote").Get());
        Assert.Equal(IdentityValue(type, "local", name), Identity(type).IdentityOf(imported, Registry));
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public void An_identity_naming_an_unconfigured_remote_is_refused_on_remote(string type, string name)
    {
        var diags = new DiagnosticBag();

        Assert.Null(Identity(type).ImportIdOf(IdentityValue(type, "nowhere", name), Registry, diags));

        var d = Assert.Single(diags);
        Assert.Equal("Invalid import identity", d.Summary);
        Assert.Contains("No remote named \"nowhere\" is configured", d.Detail, StringComparison.Ordinal);
        Assert.Equal("remote", d.Path?.ToString());
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public void A_legacy_state_without_remote_has_the_default_remote_and_an_unknown_one_stays_unknown(string type, string name)
    {
        var resource = Identity(type);
        var state = TfValue.Object(((IResource)resource).Schema.ImpliedType, [KeyValuePair.Create("name", TfValue.String(name))]);

        Assert.Equal(IdentityValue(type, "local", name), resource.IdentityOf(state, Registry));
        var planned = resource.IdentityOf(state.With("remote", TfValue.Unknown(TfType.String)), Registry);
        Assert.True(planned["remote"].IsUnknown);
        Assert.False(planned.IsWhollyKnown);
    }

    [Fact]
    public async Task A_dataset_name_with_a_colon_that_starts_like_a_remote_keeps_its_colon()
    {
        // `atlas:x/y` as an import id would be read as remote atlas; as an identity it is a name.
        var (imported, diags) = await ImportByIdentity("homelab_zfs_dataset", IdentityValue("homelab_zfs_dataset", null, "atlas:x/y"));

        Assert.Empty(diags);
        Assert.Equal("atlas:x/y", imported.GetString("name").Get());
        Assert.Equal("local", imported.GetString("remote").Get());
    }

    private static IResourceIdentity Identity(string type) =>
        (IResourceIdentity)new HomelabProvider().Resources.Single(r => r.TypeName == type);

    private static TfValue IdentityValue(string type, string? remote, string name) => TfValue.Object(Identity(type).IdentitySchema.ImpliedType,
    [
        KeyValuePair.Create("remote", remote is null ? TfValue.Null(TfType.String) : TfValue.String(remote)),
        KeyValuePair.Create("name", TfValue.String(name)),
    ]);

    private static async Task<(TfValue State, DiagnosticBag Diagnostics)> ImportByIdentity(string type, TfValue identity)
    {
        var diags = new DiagnosticBag();
        var id = Identity(type).ImportIdOf(identity, Registry, diags);
        Assert.NotNull(id);
        var (state, importDiags) = await Import(type, id);
        diags.AddRange(importDiags);
        return (state, diags);
    }

    private static async Task<(TfValue State, DiagnosticBag Diagnostics)> Import(string type, string id)
    {
        var resource = new HomelabProvider().Resources.Single(r => r.TypeName == type);
        var response = new ResourceResponse();
        await ((IImportState)resource).ImportAsync(new ImportRequest(id, resource.Schema.ImpliedType, Registry), response, CancellationToken.None);
        Assert.NotNull(response.State);
        return (response.State, response.Diagnostics);
    }
}
