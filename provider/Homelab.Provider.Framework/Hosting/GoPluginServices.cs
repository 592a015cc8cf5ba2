using Grpc.Core;
using Homelab.Provider.Framework.Protocol.GoPlugin;
using Homelab.Provider.Framework.Protocol.Health;

namespace Homelab.Provider.Framework.Hosting;

/// <summary>go-plugin's controller: Shutdown answers first, then the host exits (see <see cref="PluginHost"/>).</summary>
internal sealed class ControllerService(ShutdownSignal shutdown) : GRPCController.GRPCControllerBase
{
    public override Task<Empty> Shutdown(Empty request, ServerCallContext context)
    {
        // Exit only after the reply has left, or the client waits for its 2 s kill timeout.
        if (context is GrpcCall call)
        {
            call.HttpContext.Response.OnCompleted(() =>
            {
                shutdown.Request("client requested shutdown");
                return Task.CompletedTask;
            });
        }
        else
        {
            shutdown.Request("client requested shutdown");
        }
        return Task.FromResult(new Empty());
    }
}

/// <summary>Stdout/stderr mirroring: we never write to them through this channel, so the stream idles until shutdown.</summary>
internal sealed class StdioService(ShutdownSignal shutdown) : GRPCStdio.GRPCStdioBase
{
    public override async Task StreamStdio(Google.Protobuf.WellKnownTypes.Empty request, IServerStreamWriter<StdioData> responseStream, ServerCallContext context)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, shutdown.Token);
        try
        {
            await Task.Delay(Timeout.Infinite, cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Client went away or we are shutting down: end the stream normally.
        }
    }
}

/// <summary>The broker stream the client opens; providers never broker extra connections.</summary>
internal sealed class BrokerService(ShutdownSignal shutdown) : GRPCBroker.GRPCBrokerBase
{
    public override async Task StartStream(IAsyncStreamReader<ConnInfo> requestStream, IServerStreamWriter<ConnInfo> responseStream, ServerCallContext context)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, shutdown.Token);
        try
        {
            while (await requestStream.MoveNext(cts.Token).ConfigureAwait(false))
            {
                // Nothing to broker; drain and ignore.
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or RpcException)
        {
            // Stream closed by either side.
        }
    }
}

/// <summary>grpc.health.v1: "plugin" (what go-plugin asks) and "" are serving.</summary>
internal sealed class HealthService : Health.HealthBase
{
    public override Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context) =>
        Task.FromResult(new HealthCheckResponse
        {
            Status = request.Service is "" or "plugin"
                ? HealthCheckResponse.Types.ServingStatus.Serving
                : HealthCheckResponse.Types.ServingStatus.ServiceUnknown,
        });

    public override async Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responseStream, ServerCallContext context)
    {
        await responseStream.WriteAsync((await Check(request, context).ConfigureAwait(false)), context.CancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Watcher went away.
        }
    }
}
