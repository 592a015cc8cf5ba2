using System.Net.Sockets;
using Grpc.Core;
using Grpc.Net.Client;
using Homelab.Provider.Framework.Hosting;

namespace Homelab.Provider.Framework.Tests.Hosting;

/// <summary>A dispatcher on the plugin's own Kestrel (h2c on a unix socket in a fresh directory) and a real gRPC channel to it.</summary>
internal sealed class DispatcherHost : IAsyncDisposable
{
    private readonly DirectoryInfo _dir;
    private readonly PluginServer _app;

    private DispatcherHost(DirectoryInfo dir, PluginServer app, SocketsHttpHandler handler, GrpcChannel channel)
    {
        _dir = dir;
        _app = app;
        Handler = handler;
        Channel = channel;
    }

    public SocketsHttpHandler Handler { get; }

    public GrpcChannel Channel { get; }

    public CallInvoker Client => Channel.CreateCallInvoker();

    public static async Task<DispatcherHost> StartAsync(GrpcDispatcher dispatcher, int clientMessageLimit = 4 << 20)
    {
        var dir = Directory.CreateTempSubdirectory("dispatcher-test-");
        var socketPath = Path.Combine(dir.FullName, "s.sock");
        var app = PluginHost.BuildApp(dispatcher, socketPath, 0, null);
        await app.StartAsync();
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        var channel = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = false,
            MaxReceiveMessageSize = clientMessageLimit,
            MaxSendMessageSize = clientMessageLimit,
        });
        return new DispatcherHost(dir, app, handler, channel);
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        Handler.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _dir.Delete(recursive: true);
    }
}
