using Grpc.Core;
using Grpc.Net.Client;
using Homelab.Provider.Framework.Hosting;
using Homelab.Provider.Framework.Protocol.GoPlugin;
using Homelab.Provider.Framework.Protocol.Health;
using Homelab.Provider.Framework.Server;
using Homelab.Provider.Framework.Tests.TestKit;
using Homelab.Testing;
using Proto = Homelab.Provider.Framework.Protocol;

namespace Homelab.Provider.Framework.Tests.Hosting;

/// <summary>The plugin's own services (generated protobuf marshallers) through the dispatcher and a real gRPC client.</summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class DispatcherPluginServicesTests : IAsyncLifetime
{
    private readonly ShutdownSignal _shutdown = new();
    private DispatcherHost? _host;

    private GrpcChannel Channel => _host!.Channel;

    public async Task InitializeAsync() =>
        _host = await DispatcherHost.StartAsync(PluginHost.CreateDispatcher(new ProviderRuntime(new FakeProvider(new FakeResource())), _shutdown));

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Health_check_answers_serving_for_plugin_and_unknown_otherwise()
    {
        var health = new Health.HealthClient(Channel);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest { Service = "plugin" })).Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.ServiceUnknown, (await health.CheckAsync(new HealthCheckRequest { Service = "other" })).Status);
    }

    [Fact]
    public async Task Provider_schema_round_trips_through_protobuf_marshallers()
    {
        var provider = new Proto.Provider.ProviderClient(Channel);

        var schema = await provider.GetProviderSchemaAsync(new Proto.GetProviderSchema.Types.Request());

        Assert.NotNull(schema.Provider);
        Assert.Contains("test_thing", schema.ResourceSchemas.Keys);
        Assert.Empty(schema.Diagnostics);
    }

    [Fact]
    public async Task Broker_bidi_stream_and_stdio_stream_end_cleanly_at_shutdown()
    {
        var broker = new GRPCBroker.GRPCBrokerClient(Channel).StartStream();
        await broker.RequestStream.WriteAsync(new ConnInfo { ServiceId = 1, Network = "unix", Address = "x" });
        var stdio = new GRPCStdio.GRPCStdioClient(Channel).StreamStdio(new Google.Protobuf.WellKnownTypes.Empty());

        await new GRPCController.GRPCControllerClient(Channel).ShutdownAsync(new Empty());

        Assert.Equal("client requested shutdown", await _shutdown.Requested.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(await stdio.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(StatusCode.OK, stdio.GetStatus().StatusCode);
        Assert.False(await broker.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(StatusCode.OK, broker.GetStatus().StatusCode);
        broker.Dispose();
        stdio.Dispose();
    }
}
