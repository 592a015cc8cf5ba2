using Google.Protobuf;
using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Server;
using Homelab.Provider.Framework.Tests.TestKit;
using Homelab.Provider.Framework.Values;
using static Homelab.Provider.Framework.Tests.TestKit.Val;
using Proto = Homelab.Provider.Framework.Protocol;
using Homelab.Testing;

namespace Homelab.Provider.Framework.Tests.Server;

/// <summary>Schema, metadata, validation and state upgrade RPCs, called in process.</summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class ProviderServiceTests
{
    private static readonly FakeServerCallContext Context = new();

    [Fact]
    public async Task Get_provider_schema_advertises_plan_destroy_and_optional_schema_calls()
    {
        var service = Service(new FakeResource());

        var response = await service.GetProviderSchema(new Proto.GetProviderSchema.Types.Request(), Context);

        Assert.True(response.ServerCapabilities.PlanDestroy);
        Assert.True(response.ServerCapabilities.GetProviderSchemaOptional);
        Assert.Equal(["test_thing"], response.ResourceSchemas.Keys);
        Assert.Equal(1, response.ResourceSchemas["test_thing"].Version);
        Assert.Empty(response.Diagnostics);
    }

    [Fact]
    public async Task Get_provider_schema_returns_the_prebuilt_response_every_time()
    {
        var service = Service(new FakeResource());

        var first = await service.GetProviderSchema(new Proto.GetProviderSchema.Types.Request(), Context);
        var second = await service.GetProviderSchema(new Proto.GetProviderSchema.Types.Request(), Context);

        Assert.Same(first, second);
    }

    [Fact]
    public async Task Get_metadata_lists_resources_with_the_same_capabilities()
    {
        var response = await Service(new FakeResource()).GetMetadata(new Proto.GetMetadata.Types.Request(), Context);

        Assert.Equal(["test_thing"], response.Resources.Select(r => r.TypeName));
        Assert.True(response.ServerCapabilities is { PlanDestroy: true, GetProviderSchemaOptional: true });
    }

    [Fact]
    public async Task Upgrade_at_the_same_version_drops_unknown_keys_and_nulls_missing_ones()
    {
        var response = await Upgrade(new FakeResource(), 1, """{"id":"i-1","name":"a","removed_attribute":true}""");

        Assert.Empty(response.Diagnostics);
        var state = Wire.Decode(response.UpgradedState, FakeResource.Type);
        Assert.Equal(Obj(FakeResource.Type, ("id", Str("i-1")), ("name", Str("a"))), state);
        Assert.True(state["size"].IsNull);
    }

    [Fact]
    public async Task Upgrade_from_an_older_version_runs_its_upgrader()
    {
        var v0 = TfType.Object([KeyValuePair.Create("id", TfType.String), KeyValuePair.Create("title", TfType.String)]);
        var resource = new FakeResource
        {
            StateUpgraders = new Dictionary<long, StateUpgrader>
            {
                [0] = new(v0, (prior, _) => Obj(FakeResource.Type, ("id", prior["id"]), ("name", prior["title"]))),
            },
        };

        var response = await Upgrade(resource, 0, """{"id":"i-1","title":"old name"}""");

        Assert.Empty(response.Diagnostics);
        Assert.Equal(Obj(FakeResource.Type, ("id", Str("i-1")), ("name", Str("old name"))), Wire.Decode(response.UpgradedState, FakeResource.Type));
    }

    [Fact]
    public async Task Upgrader_error_returns_no_state()
    {
        var v0 = TfType.Object([KeyValuePair.Create("id", TfType.String)]);
        var resource = new FakeResource
        {
            StateUpgraders = new Dictionary<long, StateUpgrader>
            {
                [0] = new(v0, (prior, diags) =>
                {
                    diags.AddError("Cannot upgrade", "The id is not in the new format.", AttrPath.Attribute("id"));
                    return prior;
                }),
            },
        };

        var response = await Upgrade(resource, 0, """{"id":"x"}""");

        Assert.Equal("Cannot upgrade", Assert.Single(response.Diagnostics).Summary);
        Assert.Null(response.UpgradedState);
    }

    [Fact]
    public async Task State_from_a_newer_provider_is_refused_with_advice_to_upgrade()
    {
        var response = await Upgrade(new FakeResource(), 5, """{"id":"i-1","name":"a"}""");

        var d = Assert.Single(response.Diagnostics);
        Assert.Equal(Proto.Diagnostic.Types.Severity.Error, d.Severity);
        Assert.Equal("Unsupported state version", d.Summary);
        Assert.Contains("version 5", d.Detail, StringComparison.Ordinal);
        Assert.Contains("upgrade the provider", d.Detail, StringComparison.Ordinal);
        Assert.Null(response.UpgradedState);
    }

    [Fact]
    public async Task State_from_an_older_version_without_an_upgrader_is_refused()
    {
        var response = await Upgrade(new FakeResource(), 0, """{"id":"i-1"}""");

        var d = Assert.Single(response.Diagnostics);
        Assert.Equal("Unsupported state version", d.Summary);
        Assert.Contains("no upgrade", d.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flatmap_only_state_is_refused()
    {
        var request = new Proto.UpgradeResourceState.Types.Request { TypeName = "test_thing", Version = 1, RawState = new Proto.RawState() };
        request.RawState.Flatmap.Add("id", "i-1");

        var response = await Service(new FakeResource()).UpgradeResourceState(request, Context);

        Assert.Equal("Stored state cannot be read", Assert.Single(response.Diagnostics).Summary);
        Assert.Null(response.UpgradedState);
    }

    [Fact]
    public async Task Malformed_state_json_is_an_error_diagnostic()
    {
        var response = await Upgrade(new FakeResource(), 1, """{"id":42,"name":[""");

        Assert.Equal(Proto.Diagnostic.Types.Severity.Error, Assert.Single(response.Diagnostics).Severity);
    }

    [Fact]
    public async Task Unknown_resource_type_is_an_error_diagnostic()
    {
        var response = await Service(new FakeResource()).ReadResource(new Proto.ReadResource.Types.Request { TypeName = "test_nope" }, Context);

        var d = Assert.Single(response.Diagnostics);
        Assert.Equal("Unknown resource type", d.Summary);
        Assert.Contains("test_nope", d.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, 0)]
    [InlineData(false, 1)]
    public async Task Write_only_value_needs_a_client_that_supports_it(bool clientSupports, int errors)
    {
        var request = new Proto.ValidateResourceConfig.Types.Request
        {
            TypeName = "test_thing",
            Config = Wire.Dv(Obj(FakeResource.Type, ("name", Str("a")), ("password", Str("s"))), FakeResource.Type),
            ClientCapabilities = new Proto.ClientCapabilities { WriteOnlyAttributesAllowed = clientSupports },
        };

        var response = await Service(new FakeResource()).ValidateResourceConfig(request, Context);

        Assert.Equal(errors, response.Diagnostics.Count);
        Assert.All(response.Diagnostics, d => Assert.Equal("password", Wire.PathText(d.Attribute)));
    }

    private static ProviderService Service(params IResource[] resources) => new(new ProviderRuntime(new FakeProvider(resources)));

    private static Task<Proto.UpgradeResourceState.Types.Response> Upgrade(FakeResource resource, long version, string json) =>
        Service(resource).UpgradeResourceState(new Proto.UpgradeResourceState.Types.Request
        {
            TypeName = "test_thing",
            Version = version,
            RawState = new Proto.RawState { Json = ByteString.CopyFromUtf8(json) },
        }, Context);
}
