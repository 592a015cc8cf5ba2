using System.Net.Sockets;
using Grpc.Core;
using Grpc.Net.Client;
using Homelab.Provider.Framework.Hosting;
using Homelab.Provider.Framework.Protocol.GoPlugin;
using Homelab.Provider.Framework.Protocol.Health;
using Homelab.Provider.Framework.Server;
using Homelab.Provider.Framework.Tests.TestKit;
using Homelab.Testing;
using Microsoft.AspNetCore.Builder;
using Proto = Homelab.Provider.Framework.Protocol;

namespace Homelab.Provider.Framework.Tests.Hosting;

/// <summary>The plugin's own services (generated protobuf marshallers) through the dispatcher and a real gRPC client.</summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class DispatcherPluginServicesTests : IAsyncLifetime, IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("dispatcher-plugin-test-");
    private readonly ShutdownSignal _shutdown = new();
    private WebApplication? _app;
    private SocketsHttpHandler? _handler;
    private GrpcChannel? _channel;

    private string SocketPath => Path.Combine(_dir.FullName, "s.sock");

    public async Task InitializeAsync()
    {
        var dispatcher = PluginHost.CreateDispatcher(new ProviderRuntime(new FakeProvider(new FakeResource())), _shutdown);
        _app = PluginHost.BuildApp(dispatcher, SocketPath, 0, null);
        await _app.StartAsync();
        _handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        _channel = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions { HttpHandler = _handler, DisposeHttpClient = false });
    }

    public void Dispose()
    {
        _channel?.Dispose();
        _handler?.Dispose();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        _dir.Delete(recursive: true);
    }

    [Fact]
    public async Task Health_check_answers_serving_for_plugin_and_unknown_otherwise()
    {
        var health = new Health.HealthClient(_channel);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest { Service = "plugin" })).Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.ServiceUnknown, (await health.CheckAsync(new HealthCheckRequest { Service = "other" })).Status);
    }

    [Fact]
    public async Task Provider_schema_round_trips_through_protobuf_marshallers()
    {
        var provider = new Proto.Provider.ProviderClient(_channel);

        var schema = await provider.GetProviderSchemaAsync(new Proto.GetProviderSchema.Types.Request());

        Assert.NotNull(schema.Provider);
        Assert.Contains("test_thing", schema.ResourceSchemas.Keys);
        Assert.Empty(schema.Diagnostics);
    }

    [Fact]
    public async Task Broker_bidi_stream_and_stdio_stream_end_cleanly_at_shutdown()
    {
        var broker = new GRPCBroker.GRPCBrokerClient(_channel).StartStream();
        await broker.RequestStream.WriteAsync(new ConnInfo { ServiceId = 1, Network = "unix", Address = "x" });
        var stdio = new GRPCStdio.GRPCStdioClient(_channel).StreamStdio(new Google.Protobuf.WellKnownTypes.Empty());

        await new GRPCController.GRPCControllerClient(_channel).ShutdownAsync(new Empty());

        Assert.Equal("client requested shutdown", await _shutdown.Requested.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(await stdio.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(StatusCode.OK, stdio.GetStatus().StatusCode);
        Assert.False(await broker.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(StatusCode.OK, broker.GetStatus().StatusCode);
        broker.Dispose();
        stdio.Dispose();
    }
}
