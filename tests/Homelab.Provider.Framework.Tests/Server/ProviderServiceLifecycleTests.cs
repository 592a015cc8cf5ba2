using System.Text;
using Google.Protobuf;
using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Server;
using Homelab.Provider.Framework.Tests.TestKit;
using Homelab.Provider.Framework.Values;
using static Homelab.Provider.Framework.Tests.TestKit.Val;
using Proto = Homelab.Provider.Framework.Protocol;
using Homelab.Testing;

namespace Homelab.Provider.Framework.Tests.Server;

/// <summary>Plan, apply and read through the service, as the client drives them.</summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class ProviderServiceLifecycleTests
{
    private static readonly TfType Type = FakeResource.Type;
    private static readonly FakeServerCallContext Context = new();
    private static readonly TfValue Config = Obj(Type, ("name", Str("a")), ("size", Num(1)));
    private static readonly TfValue Existing = Obj(Type, ("id", Str("i-1")), ("name", Str("a")), ("size", Num(1)), ("etag", Str("e1")));

    [Fact]
    public async Task Plan_create_leaves_computed_attributes_unknown()
    {
        var response = await Plan(new FakeResource(), prior: null, proposed: Config, config: Config);

        Assert.Empty(response.Diagnostics);
        Assert.Equal(Config.With("id", UnknownStr).With("etag", UnknownStr), Wire.Decode(response.PlannedState, Type));
        Assert.Empty(response.RequiresReplace);
    }

    [Fact]
    public async Task Plan_update_of_a_replace_forcing_attribute_reports_its_path()
    {
        var config = Config.With("name", Str("b"));
        var proposed = config.With("id", Str("i-1")).With("etag", Str("e1"));

        var response = await Plan(new FakeResource(), Existing, proposed, config);

        Assert.Empty(response.Diagnostics);
        Assert.Equal(["name"], response.RequiresReplace.Select(Wire.PathText));
        var planned = Wire.Decode(response.PlannedState, Type);
        Assert.Equal(Str("i-1"), planned["id"]);
        Assert.Equal(UnknownStr, planned["etag"]);
    }

    [Fact]
    public async Task Plan_destroy_plans_null_and_lets_the_resource_see_the_prior_state()
    {
        TfValue? seenPrior = null;
        var resource = new FakeResource { OnModifyPlan = (request, _, _) => { seenPrior = request.Prior; return Task.CompletedTask; } };

        var response = await Plan(resource, Existing, proposed: null, config: null);

        Assert.Empty(response.Diagnostics);
        Assert.True(Wire.Decode(response.PlannedState, Type).IsNull);
        Assert.Equal(Existing, seenPrior);
    }

    [Fact]
    public async Task Resource_can_refuse_a_destroy_in_modify_plan()
    {
        var resource = new FakeResource
        {
            OnModifyPlan = (_, response, _) =>
            {
                if (response.Planned is null)
                {
                    response.Diagnostics.AddError("Thing is protected", "Unprotect it first.", AttrPath.Attribute("name"));
                }
                return Task.CompletedTask;
            },
        };

        var response = await Plan(resource, Existing, proposed: null, config: null);

        var d = Assert.Single(response.Diagnostics);
        Assert.Equal(Proto.Diagnostic.Types.Severity.Error, d.Severity);
        Assert.Equal("Thing is protected", d.Summary);
        Assert.Equal("name", Wire.PathText(d.Attribute));
    }

    [Fact]
    public async Task Modify_plan_that_breaks_a_plan_rule_is_reported_at_the_path()
    {
        var resource = new FakeResource
        {
            OnModifyPlan = (_, response, _) =>
            {
                response.Planned = response.Planned!.With("name", Str("normalised"));
                return Task.CompletedTask;
            },
        };

        var response = await Plan(resource, null, Config, Config);

        var d = Assert.Single(response.Diagnostics);
        Assert.Equal("Provider produced an invalid answer", d.Summary);
        Assert.Equal("name", Wire.PathText(d.Attribute));
    }

    [Fact]
    public async Task Apply_create_returns_the_created_object()
    {
        var resource = new FakeResource();
        var planned = Config.With("id", UnknownStr).With("etag", UnknownStr);

        var response = await Apply(resource, prior: null, planned, Config);

        Assert.Empty(response.Diagnostics);
        Assert.Equal(["create"], resource.Calls);
        Assert.Equal(Config.With("id", Str("i-1")).With("etag", Str("e1")), Wire.Decode(response.NewState, Type));
    }

    [Fact]
    public async Task Apply_update_passes_prior_and_plan_to_the_resource()
    {
        TfValue? seenPrior = null;
        var resource = new FakeResource
        {
            OnUpdate = (request, response, _) =>
            {
                seenPrior = request.Prior;
                response.State = request.Planned.With("etag", Str("e2"));
                return Task.CompletedTask;
            },
        };
        var planned = Existing.With("size", Num(2)).With("etag", UnknownStr);

        var response = await Apply(resource, Existing, planned, Config.With("size", Num(2)));

        Assert.Empty(response.Diagnostics);
        Assert.Equal(Existing, seenPrior);
        Assert.Equal(Existing.With("size", Num(2)).With("etag", Str("e2")), Wire.Decode(response.NewState, Type));
    }

    [Fact]
    public async Task Apply_delete_returns_a_null_state()
    {
        var resource = new FakeResource();

        var response = await Apply(resource, Existing, planned: null, config: null);

        Assert.Empty(response.Diagnostics);
        Assert.Equal(["delete"], resource.Calls);
        Assert.True(Wire.Decode(response.NewState, Type).IsNull);
    }

    [Fact]
    public async Task Failed_delete_keeps_the_prior_state()
    {
        var resource = new FakeResource
        {
            OnDelete = (_, response, _) =>
            {
                response.Diagnostics.AddError("Busy", "The dataset is in use.");
                return Task.CompletedTask;
            },
        };

        var response = await Apply(resource, Existing, planned: null, config: null);

        Assert.Equal("Busy", Assert.Single(response.Diagnostics).Summary);
        Assert.Equal(Existing, Wire.Decode(response.NewState, Type));
    }

    [Fact]
    public async Task Apply_answer_that_differs_from_the_plan_is_reported_at_the_path()
    {
        var resource = new FakeResource
        {
            OnCreate = (request, response, _) =>
            {
                response.State = request.Planned.With("id", Str("i-1")).With("etag", Str("e1")).With("size", Num(99));
                return Task.CompletedTask;
            },
        };

        var response = await Apply(resource, null, Config.With("id", UnknownStr).With("etag", UnknownStr), Config);

        var d = Assert.Single(response.Diagnostics);
        Assert.Equal(Proto.Diagnostic.Types.Severity.Error, d.Severity);
        Assert.Equal("Provider produced an invalid answer", d.Summary);
        Assert.Equal("size", Wire.PathText(d.Attribute));
    }

    [Fact]
    public async Task Apply_that_returns_no_object_and_no_error_is_reported()
    {
        var resource = new FakeResource { OnCreate = (_, _, _) => Task.CompletedTask };

        var response = await Apply(resource, null, Config.With("id", UnknownStr).With("etag", UnknownStr), Config);

        Assert.Equal("Provider produced an invalid answer", Assert.Single(response.Diagnostics).Summary);
        Assert.True(Wire.Decode(response.NewState, Type).IsNull);
    }

    [Fact]
    public async Task Read_of_a_gone_object_returns_a_null_state()
    {
        var resource = new FakeResource { OnRead = (_, _, _) => Task.CompletedTask };

        var response = await Read(resource, Existing, privateBytes: ByteString.Empty);

        Assert.Empty(response.Diagnostics);
        Assert.True(Wire.Decode(response.NewState, Type).IsNull);
    }

    [Fact]
    public async Task Read_returns_the_refreshed_object()
    {
        var resource = new FakeResource
        {
            OnRead = (request, response, _) =>
            {
                response.State = request.State.With("size", Num(5));
                return Task.CompletedTask;
            },
        };

        var response = await Read(resource, Existing, ByteString.Empty);

        Assert.Empty(response.Diagnostics);
        Assert.Equal(Existing.With("size", Num(5)), Wire.Decode(response.NewState, Type));
    }

    [Fact]
    public async Task Private_bytes_travel_from_plan_through_apply_to_read()
    {
        byte[]? seenByUpdate = null;
        byte[]? seenByRead = null;
        var resource = new FakeResource
        {
            OnModifyPlan = (_, response, _) =>
            {
                response.PlannedPrivate = Encoding.UTF8.GetBytes("from-plan");
                return Task.CompletedTask;
            },
            OnUpdate = (request, response, _) =>
            {
                seenByUpdate = request.Private;
                response.State = request.Planned.With("etag", Str("e2"));
                return Task.CompletedTask;
            },
            OnRead = (request, response, _) =>
            {
                seenByRead = request.Private;
                response.State = request.State;
                return Task.CompletedTask;
            },
        };
        var service = Service(resource);
        var config = Config.With("size", Num(2));
        var proposed = config.With("id", Str("i-1")).With("etag", Str("e1"));

        var plan = await service.PlanResourceChange(new Proto.PlanResourceChange.Types.Request
        {
            TypeName = "test_thing",
            PriorState = Wire.Dv(Existing, Type),
            ProposedNewState = Wire.Dv(proposed, Type),
            Config = Wire.Dv(config, Type),
            PriorPrivate = ByteString.CopyFromUtf8("from-state"),
        }, Context);
        var apply = await service.ApplyResourceChange(new Proto.ApplyResourceChange.Types.Request
        {
            TypeName = "test_thing",
            PriorState = Wire.Dv(Existing, Type),
            PlannedState = plan.PlannedState,
            Config = Wire.Dv(config, Type),
            PlannedPrivate = plan.PlannedPrivate,
        }, Context);
        var read = await service.ReadResource(new Proto.ReadResource.Types.Request
        {
            TypeName = "test_thing",
            CurrentState = apply.NewState,
            Private = apply.Private,
        }, Context);

        Assert.Empty(plan.Diagnostics.Concat(apply.Diagnostics).Concat(read.Diagnostics));
        Assert.Equal("from-plan", plan.PlannedPrivate.ToStringUtf8());
        Assert.Equal("from-plan", Encoding.UTF8.GetString(seenByUpdate!));
        Assert.Equal("from-plan", Encoding.UTF8.GetString(seenByRead!));
        Assert.Equal("from-plan", read.Private.ToStringUtf8());
    }

    [Fact]
    public async Task Exception_in_apply_becomes_an_error_diagnostic_and_keeps_prior_state()
    {
        var resource = new FakeResource { OnUpdate = (_, _, _) => throw new IOException("disk on fire") };

        var response = await Apply(resource, Existing, Existing.With("size", Num(2)).With("etag", UnknownStr), Config.With("size", Num(2)));

        var d = Assert.Single(response.Diagnostics);
        Assert.Equal(Proto.Diagnostic.Types.Severity.Error, d.Severity);
        Assert.Contains("disk on fire", d.Detail, StringComparison.Ordinal);
        Assert.Equal(Existing, Wire.Decode(response.NewState, Type));
    }

    [Fact]
    public async Task Exception_in_read_becomes_an_error_diagnostic()
    {
        var resource = new FakeResource { OnRead = (_, _, _) => throw new InvalidOperationException("boom") };

        var response = await Read(resource, Existing, ByteString.Empty);

        var d = Assert.Single(response.Diagnostics);
        Assert.Equal(Proto.Diagnostic.Types.Severity.Error, d.Severity);
        Assert.Contains("boom", d.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exception_in_modify_plan_becomes_an_error_diagnostic()
    {
        var resource = new FakeResource { OnModifyPlan = (_, _, _) => Task.FromException(new InvalidOperationException("bad plan")) };

        var response = await Plan(resource, null, Config, Config);

        Assert.Contains("bad plan", Assert.Single(response.Diagnostics).Detail, StringComparison.Ordinal);
    }

    internal static ProviderService Service(FakeResource resource) => new(new ProviderRuntime(new FakeProvider(resource)));

    internal static Task<Proto.PlanResourceChange.Types.Response> Plan(FakeResource resource, TfValue? prior, TfValue? proposed, TfValue? config) =>
        Service(resource).PlanResourceChange(new Proto.PlanResourceChange.Types.Request
        {
            TypeName = "test_thing",
            PriorState = Wire.Dv(prior, Type),
            ProposedNewState = Wire.Dv(proposed, Type),
            Config = Wire.Dv(config, Type),
        }, Context);

    private static Task<Proto.ApplyResourceChange.Types.Response> Apply(FakeResource resource, TfValue? prior, TfValue? planned, TfValue? config) =>
        Service(resource).ApplyResourceChange(new Proto.ApplyResourceChange.Types.Request
        {
            TypeName = "test_thing",
            PriorState = Wire.Dv(prior, Type),
            PlannedState = Wire.Dv(planned, Type),
            Config = Wire.Dv(config, Type),
        }, Context);

    private static Task<Proto.ReadResource.Types.Response> Read(FakeResource resource, TfValue current, ByteString privateBytes) =>
        Service(resource).ReadResource(new Proto.ReadResource.Types.Request
        {
            TypeName = "test_thing",
            CurrentState = Wire.Dv(current, Type),
            Private = privateBytes,
        }, Context);
}
