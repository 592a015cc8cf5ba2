using Google.Protobuf;
using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Server;
using Homelab.Provider.Framework.Tests.TestKit;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Framework.Values.Codec;
using Homelab.Testing;
using static Homelab.Provider.Framework.Tests.TestKit.Val;
using Proto = Homelab.Provider.Framework.Protocol;

namespace Homelab.Provider.Framework.Tests.Server;

/// <summary>
/// Resource identity (protocol 6.9) through the service, as Terraform 1.12+ and OpenTofu 1.12+
/// drive it: every identity on the wire is decoded from its msgpack against the identity type.
/// </summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class ProviderServiceIdentityTests
{
    private static readonly TfType Type = FakeResource.Type;
    private static readonly TfType IdType = FakeIdentityResource.IdentityType;
    private static readonly FakeServerCallContext Context = new();
    private static readonly TfValue Config = Obj(Type, ("name", Str("a")), ("size", Num(1)));
    private static readonly TfValue Existing = Obj(Type, ("id", Str("i-1")), ("name", Str("a")), ("size", Num(1)), ("etag", Str("e1")));
    private static readonly TfValue ExistingIdentity = Obj(IdType, ("id", Str("i-1")), ("name", Str("a")));

    [Fact]
    public async Task Identity_schemas_list_only_the_resources_that_declare_one()
    {
        var service = new ProviderService(new ProviderRuntime(new FakeProvider(new FakeIdentityResource(), new OtherResource())));

        var response = await service.GetResourceIdentitySchemas(new Proto.GetResourceIdentitySchemas.Types.Request(), Context);

        Assert.Empty(response.Diagnostics);
        var schema = Assert.Single(response.IdentitySchemas);
        Assert.Equal("test_thing", schema.Key);
        Assert.Equal(0, schema.Value.Version);
        Assert.Equal(["id", "name"], schema.Value.IdentityAttributes.Select(a => a.Name));
        var id = schema.Value.IdentityAttributes[0];
        Assert.Equal("\"string\"", id.Type.ToStringUtf8());
        Assert.True(id.RequiredForImport);
        Assert.False(id.OptionalForImport);
        Assert.Equal("The thing's id.", id.Description);
        var name = schema.Value.IdentityAttributes[1];
        Assert.False(name.RequiredForImport);
        Assert.True(name.OptionalForImport);
        var schemaResponse = await service.GetProviderSchema(new Proto.GetProviderSchema.Types.Request(), Context);
        Assert.Empty(schemaResponse.Diagnostics);
    }

    [Fact]
    public async Task Read_returns_the_identity_of_the_state_read()
    {
        var response = await Service(new FakeIdentityResource()).ReadResource(new Proto.ReadResource.Types.Request
        {
            TypeName = "test_thing",
            CurrentState = Wire.Dv(Existing, Type),
        }, Context);

        Assert.Empty(response.Diagnostics);
        Assert.Equal(ExistingIdentity, DecodeIdentity(response.NewIdentity));
        // cty msgpack of an object: a map of its attributes in name order.
        Assert.Equal(0x82, response.NewIdentity.IdentityData.Msgpack[0]);
    }

    [Fact]
    public async Task Read_of_a_gone_object_returns_no_identity()
    {
        var resource = new FakeIdentityResource(new FakeResource { OnRead = (_, response, _) => { response.State = null; return Task.CompletedTask; } });

        var response = await Service(resource).ReadResource(new Proto.ReadResource.Types.Request
        {
            TypeName = "test_thing",
            CurrentState = Wire.Dv(Existing, Type),
            CurrentIdentity = Data(ExistingIdentity),
        }, Context);

        Assert.Empty(response.Diagnostics);
        Assert.True(Wire.Decode(response.NewState, Type).IsNull);
        Assert.Null(response.NewIdentity);
    }

    [Fact]
    public async Task Plan_of_a_create_whose_identity_is_not_known_yet_sends_none()
    {
        var response = await Plan(new FakeIdentityResource(), prior: null, Config, Config);

        Assert.Empty(response.Diagnostics);
        Assert.Null(response.PlannedIdentity);
    }

    [Fact]
    public async Task Plan_of_an_update_sends_the_planned_identity()
    {
        var config = Config.With("size", Num(2));
        var proposed = Existing.With("size", Num(2));

        var response = await Plan(new FakeIdentityResource(), Existing, proposed, config, Data(ExistingIdentity));

        Assert.Empty(response.Diagnostics);
        Assert.Equal(ExistingIdentity, DecodeIdentity(response.PlannedIdentity));
    }

    [Fact]
    public async Task Plan_of_a_destroy_sends_no_identity()
    {
        var response = await Plan(new FakeIdentityResource(), Existing, proposed: null, config: null, Data(ExistingIdentity));

        Assert.Empty(response.Diagnostics);
        Assert.Null(response.PlannedIdentity);
    }

    [Fact]
    public async Task Apply_of_a_create_returns_the_identity_of_the_new_object()
    {
        var planned = Config.With("id", UnknownStr).With("etag", UnknownStr);

        var response = await Apply(new FakeIdentityResource(), prior: null, planned, Config);

        Assert.Empty(response.Diagnostics);
        Assert.Equal(ExistingIdentity, DecodeIdentity(response.NewIdentity));
    }

    [Fact]
    public async Task Apply_of_a_delete_returns_no_identity()
    {
        var response = await Apply(new FakeIdentityResource(), Existing, planned: null, config: null);

        Assert.Empty(response.Diagnostics);
        Assert.Null(response.NewIdentity);
    }

    [Fact]
    public async Task An_identity_left_unknown_after_apply_is_reported_as_a_provider_bug()
    {
        var resource = new FakeIdentityResource
        {
            OnIdentityOf = state => Obj(IdType, ("id", UnknownStr), ("name", state["name"])),
        };
        var planned = Config.With("id", UnknownStr).With("etag", UnknownStr);

        var response = await Apply(resource, prior: null, planned, Config);

        var d = Assert.Single(response.Diagnostics);
        Assert.Equal("Provider produced an invalid identity", d.Summary);
        Assert.Contains("\"id\" is still unknown after apply", d.Detail, StringComparison.Ordinal);
        Assert.Null(response.NewIdentity);
    }

    [Fact]
    public async Task An_identity_of_the_wrong_type_is_reported_as_a_provider_bug()
    {
        var wrong = TfType.Object([KeyValuePair.Create("id", TfType.Number)]);
        var resource = new FakeIdentityResource { OnIdentityOf = _ => Obj(wrong, ("id", Num(1))) };

        var response = await Service(resource).ReadResource(new Proto.ReadResource.Types.Request
        {
            TypeName = "test_thing",
            CurrentState = Wire.Dv(Existing, Type),
        }, Context);

        var d = Assert.Single(response.Diagnostics);
        Assert.Equal("Provider produced an invalid identity", d.Summary);
        Assert.Contains("identity schema (version 0) implies", d.Detail, StringComparison.Ordinal);
        Assert.Null(response.NewIdentity);
    }

    [Fact]
    public async Task Import_by_id_answers_with_the_identity_of_the_imported_state()
    {
        var resource = new FakeIdentityResource();

        var response = await Import(resource, id: "i-7", identity: null);

        Assert.Empty(response.Diagnostics);
        var imported = Assert.Single(response.ImportedResources);
        Assert.Equal(Obj(IdType, ("id", Str("i-7")), ("name", NullStr)), DecodeIdentity(imported.Identity));
        Assert.Null(resource.LastImport!.Identity);
    }

    [Fact]
    public async Task Import_by_identity_runs_the_import_of_the_id_the_identity_names()
    {
        var resource = new FakeIdentityResource();
        var given = Obj(IdType, ("id", Str("i-9")), ("name", NullStr));

        var response = await Import(resource, id: "", identity: given);

        Assert.Empty(response.Diagnostics);
        Assert.Equal("i-9", resource.LastImport!.Id);
        Assert.Equal(given, resource.LastImport.Identity);
        var imported = Assert.Single(response.ImportedResources);
        Assert.Equal(Str("i-9"), Wire.Decode(imported.State, Type)["id"]);
        Assert.Equal(given, DecodeIdentity(imported.Identity));
    }

    [Fact]
    public async Task Import_by_identity_of_a_partial_state_echoes_the_given_identity()
    {
        // The imported state does not carry the id (a resource that finds it on read): the
        // identity the user gave is the best one the client can store until the read.
        var resource = new FakeIdentityResource
        {
            OnImport = (request, response) =>
            {
                response.State = TfValue.Object(request.Type, [KeyValuePair.Create("name", TfValue.String("a"))]);
                return Task.CompletedTask;
            },
        };
        var given = Obj(IdType, ("id", Str("i-9")), ("name", Str("a")));

        var response = await Import(resource, id: "", identity: given);

        Assert.Empty(response.Diagnostics);
        Assert.Equal(given, DecodeIdentity(Assert.Single(response.ImportedResources).Identity));
    }

    [Fact]
    public async Task Import_by_identity_without_a_required_attribute_is_refused_before_the_resource_runs()
    {
        var resource = new FakeIdentityResource();

        var response = await Import(resource, id: "", identity: Obj(IdType, ("name", Str("a"))));

        var d = Assert.Single(response.Diagnostics);
        Assert.Equal("Invalid import identity", d.Summary);
        Assert.Contains("\"id\" is required for import", d.Detail, StringComparison.Ordinal);
        Assert.Empty(response.ImportedResources);
        Assert.Null(resource.LastImport);
    }

    [Fact]
    public async Task Import_by_identity_that_names_nothing_reports_the_resources_error()
    {
        var resource = new FakeIdentityResource
        {
            OnImportId = (_, diags) =>
            {
                diags.AddError("Unknown remote", "No remote \"x\" is configured.");
                return null;
            },
        };

        var response = await Import(resource, id: "", identity: Obj(IdType, ("id", Str("i-1"))));

        Assert.Equal("Unknown remote", Assert.Single(response.Diagnostics).Summary);
        Assert.Empty(response.ImportedResources);
        Assert.Null(resource.LastImport);
    }

    [Fact]
    public async Task Import_by_identity_of_a_resource_without_identity_is_refused()
    {
        var service = new ProviderService(new ProviderRuntime(new FakeProvider(new OtherResource())));

        var response = await service.ImportResourceState(new Proto.ImportResourceState.Types.Request
        {
            TypeName = "test_other",
            Identity = Data(ExistingIdentity),
        }, Context);

        Assert.Equal("Import by identity not supported", Assert.Single(response.Diagnostics).Summary);
        Assert.Empty(response.ImportedResources);
    }

    [Fact]
    public async Task Upgrade_of_the_current_identity_version_returns_it_as_stored()
    {
        var response = await Service(new FakeIdentityResource()).UpgradeResourceIdentity(new Proto.UpgradeResourceIdentity.Types.Request
        {
            TypeName = "test_thing",
            Version = 0,
            RawIdentity = new Proto.RawState { Json = ByteString.CopyFromUtf8("""{"id":"i-1","name":"a","dropped":true}""") },
        }, Context);

        Assert.Empty(response.Diagnostics);
        Assert.Equal(ExistingIdentity, DecodeIdentity(response.UpgradedIdentity));
    }

    [Theory]
    [InlineData(1, "written by a newer provider")]
    [InlineData(-1, "has no upgrade from it")]
    public async Task Upgrade_from_another_identity_version_is_refused(long version, string why)
    {
        var response = await Service(new FakeIdentityResource()).UpgradeResourceIdentity(new Proto.UpgradeResourceIdentity.Types.Request
        {
            TypeName = "test_thing",
            Version = version,
            RawIdentity = new Proto.RawState { Json = ByteString.CopyFromUtf8("""{"id":"i-1","name":"a"}""") },
        }, Context);

        var d = Assert.Single(response.Diagnostics);
        Assert.Equal("Unsupported identity version", d.Summary);
        Assert.Contains(why, d.Detail, StringComparison.Ordinal);
        Assert.Null(response.UpgradedIdentity);
    }

    [Fact]
    public async Task Upgrade_of_a_resource_without_identity_is_an_unknown_type()
    {
        var response = await Service(new FakeIdentityResource()).UpgradeResourceIdentity(new Proto.UpgradeResourceIdentity.Types.Request
        {
            TypeName = "test_nothing",
            RawIdentity = new Proto.RawState { Json = ByteString.CopyFromUtf8("{}") },
        }, Context);

        Assert.StartsWith("Unknown resource identity for type", Assert.Single(response.Diagnostics).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Identity_functions_get_the_configured_provider_data()
    {
        var resource = new FakeIdentityResource();
        var service = Service(resource);
        await service.ConfigureProvider(new Proto.ConfigureProvider.Types.Request { Config = Wire.Dv(TfValue.Object(TfType.Object([]), []), TfType.Object([])) }, Context);

        await service.ReadResource(new Proto.ReadResource.Types.Request { TypeName = "test_thing", CurrentState = Wire.Dv(Existing, Type) }, Context);

        Assert.Equal("provider-data", resource.LastProviderData);
    }

    private static TfValue DecodeIdentity(Proto.ResourceIdentityData? data)
    {
        Assert.NotNull(data);
        return CtyMsgPack.Decode(data.IdentityData.Msgpack.Memory, IdType);
    }

    private static Proto.ResourceIdentityData Data(TfValue identity) => new() { IdentityData = Wire.Dv(identity, IdType) };

    private static ProviderService Service(FakeIdentityResource resource) => new(new ProviderRuntime(new FakeProvider(resource)));

    private static Task<Proto.PlanResourceChange.Types.Response> Plan(FakeIdentityResource resource, TfValue? prior, TfValue? proposed, TfValue? config, Proto.ResourceIdentityData? priorIdentity = null) =>
        Service(resource).PlanResourceChange(new Proto.PlanResourceChange.Types.Request
        {
            TypeName = "test_thing",
            PriorState = Wire.Dv(prior, Type),
            ProposedNewState = Wire.Dv(proposed, Type),
            Config = Wire.Dv(config, Type),
            PriorIdentity = priorIdentity,
        }, Context);

    private static Task<Proto.ApplyResourceChange.Types.Response> Apply(FakeIdentityResource resource, TfValue? prior, TfValue? planned, TfValue? config) =>
        Service(resource).ApplyResourceChange(new Proto.ApplyResourceChange.Types.Request
        {
            TypeName = "test_thing",
            PriorState = Wire.Dv(prior, Type),
            PlannedState = Wire.Dv(planned, Type),
            Config = Wire.Dv(config, Type),
        }, Context);

    private static Task<Proto.ImportResourceState.Types.Response> Import(FakeIdentityResource resource, string id, TfValue? identity) =>
        Service(resource).ImportResourceState(new Proto.ImportResourceState.Types.Request
        {
            TypeName = "test_thing",
            Id = id,
            Identity = identity is null ? null : Data(identity),
        }, Context);

    /// <summary>A second resource type that imports by id but declares no identity.</summary>
    private sealed class OtherResource : IResource, IImportState
    {
        public Task ImportAsync(ImportRequest request, ResourceResponse response, CancellationToken cancellationToken) => Task.CompletedTask;

        public string TypeName => "test_other";

        public ResourceSchema Schema { get; } = new(0, FakeResource.Block);

        public Task CreateAsync(CreateRequest request, ResourceResponse response, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task ReadAsync(ReadRequest request, ResourceResponse response, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task UpdateAsync(UpdateRequest request, ResourceResponse response, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task DeleteAsync(DeleteRequest request, ResourceResponse response, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
