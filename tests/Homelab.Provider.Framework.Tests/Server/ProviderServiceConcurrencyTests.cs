using Homelab.Provider.Framework.Server;
using Homelab.Provider.Framework.Tests.TestKit;
using Homelab.Provider.Framework.Values;
using static Homelab.Provider.Framework.Tests.TestKit.Val;
using Proto = Homelab.Provider.Framework.Protocol;
using Homelab.Testing;

namespace Homelab.Provider.Framework.Tests.Server;

/// <summary>StopProvider and concurrent RPCs on one service instance.</summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class ProviderServiceConcurrencyTests
{
    private static readonly TfType Type = FakeResource.Type;
    private static readonly TfValue Config = Obj(Type, ("name", Str("a")));

    [Fact]
    public async Task Stop_provider_cancels_a_running_apply_which_returns_a_cancelled_diagnostic()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var resource = new FakeResource
        {
            OnCreate = async (_, _, token) =>
            {
                started.SetResult();
                await Task.Delay(Timeout.Infinite, token);
            },
        };
        var service = new ProviderService(new ProviderRuntime(new FakeProvider(resource)));
        var apply = service.ApplyResourceChange(new Proto.ApplyResourceChange.Types.Request
        {
            TypeName = "test_thing",
            PriorState = Wire.Dv(null, Type),
            PlannedState = Wire.Dv(Config.With("id", UnknownStr).With("etag", UnknownStr), Type),
            Config = Wire.Dv(Config, Type),
        }, new FakeServerCallContext());
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(apply.IsCompleted);

        await service.StopProvider(new Proto.StopProvider.Types.Request(), new FakeServerCallContext());
        var response = await apply.WaitAsync(TimeSpan.FromSeconds(5));

        var d = Assert.Single(response.Diagnostics);
        Assert.Equal(Proto.Diagnostic.Types.Severity.Error, d.Severity);
        Assert.Contains("cancelled", d.Summary, StringComparison.OrdinalIgnoreCase);
        Assert.True(Wire.Decode(response.NewState, Type).IsNull);
    }

    [Fact]
    public async Task Cancelled_call_context_cancels_the_resource_call()
    {
        using var cts = new CancellationTokenSource();
        var resource = new FakeResource { OnRead = (_, _, token) => Task.Delay(Timeout.Infinite, token) };
        var service = new ProviderService(new ProviderRuntime(new FakeProvider(resource)));
        var read = service.ReadResource(new Proto.ReadResource.Types.Request
        {
            TypeName = "test_thing",
            CurrentState = Wire.Dv(Config.With("id", Str("i-1")).With("etag", Str("e1")), Type),
        }, new FakeServerCallContext(cts.Token));

        await cts.CancelAsync();
        var response = await read.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Contains("cancelled", Assert.Single(response.Diagnostics).Summary, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Fifty_concurrent_reads_and_plans_on_one_service_all_succeed()
    {
        var resource = new FakeResource
        {
            OnRead = async (request, response, token) =>
            {
                await Task.Yield();
                response.State = request.State.With("etag", Str("read-" + request.State["id"].AsString()));
            },
        };
        var service = new ProviderService(new ProviderRuntime(new FakeProvider(resource)));
        using var gate = new ManualResetEventSlim();

        var calls = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            gate.Wait();
            var state = Obj(Type, ("id", Str($"i-{i}")), ("name", Str($"n-{i}")), ("etag", Str("e")));
            if (i % 2 == 0)
            {
                var read = await service.ReadResource(new Proto.ReadResource.Types.Request
                {
                    TypeName = "test_thing",
                    CurrentState = Wire.Dv(state, Type),
                }, new FakeServerCallContext());
                Assert.Empty(read.Diagnostics);
                Assert.Equal(state.With("etag", Str($"read-i-{i}")), Wire.Decode(read.NewState, Type));
            }
            else
            {
                var config = Obj(Type, ("name", Str($"n-{i}")), ("size", Num(i)));
                var plan = await service.PlanResourceChange(new Proto.PlanResourceChange.Types.Request
                {
                    TypeName = "test_thing",
                    PriorState = Wire.Dv(state, Type),
                    ProposedNewState = Wire.Dv(config.With("id", Str($"i-{i}")).With("etag", Str("e")), Type),
                    Config = Wire.Dv(config, Type),
                }, new FakeServerCallContext());
                Assert.Empty(plan.Diagnostics);
                Assert.Equal(config.With("id", Str($"i-{i}")).With("etag", UnknownStr), Wire.Decode(plan.PlannedState, Type));
            }
        })).ToList();
        gate.Set();

        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(25, resource.Calls.Count(c => c == "read"));
        Assert.Equal(25, resource.Calls.Count(c => c == "modify-plan"));
    }
}
