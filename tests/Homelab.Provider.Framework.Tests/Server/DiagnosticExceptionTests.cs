using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Tests.TestKit;
using Homelab.Provider.Framework.Values;
using Homelab.Testing;
using static Homelab.Provider.Framework.Tests.TestKit.Val;
using Proto = Homelab.Provider.Framework.Protocol;

namespace Homelab.Provider.Framework.Tests.Server;

/// <summary>
/// The one path for expected failures: a <see cref="DiagnosticException"/> thrown by a resource
/// becomes exactly one error diagnostic on that resource (on its attribute when given), never an
/// "Unexpected provider error", and state the call set before throwing survives.
/// </summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class DiagnosticExceptionTests
{
    private static readonly TfType Type = FakeResource.Type;
    private static readonly TfValue Config = Obj(Type, ("name", Str("a")), ("size", Num(1)));

    [Fact]
    public async Task Thrown_in_plan_it_is_an_error_on_the_named_attribute()
    {
        var resource = new FakeResource
        {
            OnModifyPlan = (_, _, _) => throw new DiagnosticException("Dataset not allowed here", "tank/incus/x is inside an Incus-owned dataset.", AttrPath.Attribute("name")),
        };

        var response = await ProviderServiceLifecycleTests.Plan(resource, null, Config, Config);

        var d = Assert.Single(response.Diagnostics);
        Assert.Equal(Proto.Diagnostic.Types.Severity.Error, d.Severity);
        Assert.Equal("Dataset not allowed here", d.Summary);
        Assert.Equal("tank/incus/x is inside an Incus-owned dataset.", d.Detail);
        Assert.Equal("name", Wire.PathText(d.Attribute));
    }

    [Fact]
    public async Task Thrown_after_create_set_a_state_that_state_is_kept()
    {
        // A dataset was created, then setting a property failed: the client must track the object.
        var created = Config.With("id", Str("i-1")).With("etag", Str("e1"));
        var resource = new FakeResource
        {
            OnCreate = (_, response, _) =>
            {
                response.State = created;
                throw new DiagnosticException("Cannot set a property", "zfs set failed.");
            },
        };
        var service = ProviderServiceLifecycleTests.Service(resource);

        var response = await service.ApplyResourceChange(new Proto.ApplyResourceChange.Types.Request
        {
            TypeName = "test_thing",
            PriorState = Wire.Dv(null, Type),
            PlannedState = Wire.Dv(Config.With("id", UnknownStr).With("etag", UnknownStr), Type),
            Config = Wire.Dv(Config, Type),
        }, new FakeServerCallContext());

        var d = Assert.Single(response.Diagnostics);
        Assert.Equal("Cannot set a property", d.Summary);
        Assert.Equal(created, Wire.Decode(response.NewState, Type));
    }

    [Fact]
    public async Task Thrown_in_read_it_keeps_its_summary()
    {
        var resource = new FakeResource { OnRead = (_, _, _) => throw new DiagnosticException("Remote not known yet", "Apply what it depends on first.") };
        var service = ProviderServiceLifecycleTests.Service(resource);

        var response = await service.ReadResource(new Proto.ReadResource.Types.Request
        {
            TypeName = "test_thing",
            CurrentState = Wire.Dv(Config.With("id", Str("i-1")).With("etag", Str("e1")), Type),
        }, new FakeServerCallContext());

        var d = Assert.Single(response.Diagnostics);
        Assert.Equal("Remote not known yet", d.Summary);
        Assert.DoesNotContain("Unexpected", d.Summary, StringComparison.Ordinal);
    }
}
