using System.Collections.Frozen;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Homelab.Provider.Framework.Hosting;

/// <summary>
/// Serves gRPC straight from one Kestrel <see cref="RequestDelegate"/> (see docs/design/plugin-hosting.md,
/// "gRPC dispatcher"). The method table comes from each service's generated
/// <c>BindService(ServiceBinderBase, impl)</c>, so every method the protos declare is served without a
/// hand-written list; binding costs a dictionary entry per method, not Grpc.AspNetCore's per-method
/// endpoint model.
/// </summary>
internal sealed class GrpcDispatcher
{
    private readonly FrozenDictionary<string, GrpcMethodHandler> _methods;

    private GrpcDispatcher(FrozenDictionary<string, GrpcMethodHandler> methods, int maxMessageBytes)
    {
        _methods = methods;
        MaxMessageBytes = maxMessageBytes;
    }

    /// <summary>Largest message received or sent, in bytes (the 5-byte frame prefix excluded).</summary>
    public int MaxMessageBytes { get; }

    /// <summary>Paths served, <c>/package.Service/Method</c>.</summary>
    public IEnumerable<string> Paths => _methods.Keys;

    /// <summary>Builds the table: each binder is a generated <c>X.BindService(binder, impl)</c>.</summary>
    public static GrpcDispatcher Create(int maxMessageBytes, params ReadOnlySpan<Action<ServiceBinderBase>> services)
    {
        var binder = new Binder();
        foreach (var bind in services)
        {
            bind(binder);
        }
        return new GrpcDispatcher(binder.Methods.ToFrozenDictionary(StringComparer.Ordinal), maxMessageBytes);
    }

    /// <summary>The one request delegate: every request is a gRPC call (Kestrel listens for HTTP/2 only).</summary>
    public Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        if (!HttpMethods.IsPost(request.Method))
        {
            http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return Task.CompletedTask;
        }
        if (!GrpcWire.IsGrpcContentType(request.ContentType))
        {
            // PROTOCOL-HTTP2: a non-gRPC content type is answered with HTTP 415, not a gRPC status.
            http.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return Task.CompletedTask;
        }
        if (!_methods.TryGetValue(request.Path.Value ?? "", out var handler))
        {
            return GrpcCall.RespondTrailersOnly(http, new Status(StatusCode.Unimplemented, $"Method {request.Path.Value} is not implemented."));
        }
        var encoding = request.Headers[GrpcWire.EncodingHeader];
        if (encoding.Count > 0 && !string.Equals(encoding.ToString(), "identity", StringComparison.Ordinal))
        {
            http.Response.Headers[GrpcWire.AcceptEncodingHeader] = "identity";
            return GrpcCall.RespondTrailersOnly(http, new Status(StatusCode.Unimplemented, $"Message encoding '{encoding}' is not supported; only identity is."));
        }
        if (!GrpcWire.TryParseTimeout(request.Headers[GrpcWire.TimeoutHeader].ToString(), out var timeout))
        {
            return GrpcCall.RespondTrailersOnly(http, new Status(StatusCode.Internal, "Malformed grpc-timeout header."));
        }
        return handler.HandleAsync(new GrpcCall(http, handler.Path, timeout, MaxMessageBytes));
    }

    /// <summary>Collects the generated binder's calls into the table.</summary>
    private sealed class Binder : ServiceBinderBase
    {
        public Dictionary<string, GrpcMethodHandler> Methods { get; } = new(StringComparer.Ordinal);

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
            Add(method, handler, h => new UnaryHandler<TRequest, TResponse>(method, h));

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler) =>
            Add(method, handler, h => new ClientStreamingHandler<TRequest, TResponse>(method, h));

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
            Add(method, handler, h => new ServerStreamingHandler<TRequest, TResponse>(method, h));

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) =>
            Add(method, handler, h => new DuplexStreamingHandler<TRequest, TResponse>(method, h));

        private void Add<TRequest, TResponse, THandler>(Method<TRequest, TResponse> method, THandler? handler, Func<THandler, GrpcMethodHandler> create)
            where TRequest : class
            where TResponse : class
            where THandler : Delegate
        {
            ArgumentNullException.ThrowIfNull(method);
            // The generated binder passes null when it is called without an implementation.
            ArgumentNullException.ThrowIfNull(handler);
            if (!Methods.TryAdd(method.FullName, create(handler)))
            {
                throw new InvalidOperationException($"gRPC method {method.FullName} is bound twice.");
            }
        }
    }
}

/// <summary>One method of the table: reads its requests, runs the implementation, writes its responses.</summary>
internal abstract class GrpcMethodHandler(string path)
{
    public string Path { get; } = path;

    public async Task HandleAsync(GrpcCall call)
    {
        try
        {
            await RunAsync(call).ConfigureAwait(false);
            await call.CompleteAsync(null).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Every failure of a handler becomes a gRPC status; nothing may escape to Kestrel.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await call.CompleteAsync(ex).ConfigureAwait(false);
        }
        finally
        {
            call.Dispose();
        }
    }

    protected abstract Task RunAsync(GrpcCall call);
}

internal sealed class UnaryHandler<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler)
    : GrpcMethodHandler(method.FullName)
    where TRequest : class
    where TResponse : class
{
    protected override async Task RunAsync(GrpcCall call)
    {
        var request = await call.ReadSingleAsync(method.RequestMarshaller).ConfigureAwait(false);
        var response = await handler(request, call).ConfigureAwait(false);
        // A unary reply is not flushed on its own: headers, message and trailers leave together.
        await call.WriteAsync(response, method.ResponseMarshaller, flush: false).ConfigureAwait(false);
    }
}

internal sealed class ClientStreamingHandler<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse> handler)
    : GrpcMethodHandler(method.FullName)
    where TRequest : class
    where TResponse : class
{
    protected override async Task RunAsync(GrpcCall call)
    {
        var response = await handler(new GrpcStreamReader<TRequest>(call, method.RequestMarshaller), call).ConfigureAwait(false);
        await call.WriteAsync(response, method.ResponseMarshaller, flush: false).ConfigureAwait(false);
    }
}

internal sealed class ServerStreamingHandler<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse> handler)
    : GrpcMethodHandler(method.FullName)
    where TRequest : class
    where TResponse : class
{
    protected override async Task RunAsync(GrpcCall call)
    {
        var request = await call.ReadSingleAsync(method.RequestMarshaller).ConfigureAwait(false);
        await handler(request, new GrpcStreamWriter<TResponse>(call, method.ResponseMarshaller), call).ConfigureAwait(false);
    }
}

internal sealed class DuplexStreamingHandler<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse> handler)
    : GrpcMethodHandler(method.FullName)
    where TRequest : class
    where TResponse : class
{
    protected override Task RunAsync(GrpcCall call) =>
        handler(new GrpcStreamReader<TRequest>(call, method.RequestMarshaller), new GrpcStreamWriter<TResponse>(call, method.ResponseMarshaller), call);
}
