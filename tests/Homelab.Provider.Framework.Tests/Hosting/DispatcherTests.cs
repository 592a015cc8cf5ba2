using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Grpc.Core;
using Grpc.Net.Client;
using Homelab.Provider.Framework.Hosting;
using Homelab.Provider.Framework.Server;
using Homelab.Provider.Framework.Tests.TestKit;
using Homelab.Testing;
using Microsoft.AspNetCore.Builder;

namespace Homelab.Provider.Framework.Tests.Hosting;

/// <summary>
/// The gRPC dispatcher on a real Kestrel (h2c on a unix socket, as in --debug) against a real gRPC client,
/// and against raw HTTP/2 where the wire itself is the point (trailers-only, grpc-timeout, grpc-encoding).
/// </summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class DispatcherTests : IAsyncLifetime
{
    private const int Limit = 4096;
    private const string Service = "test.Dispatcher";
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);
    private static readonly Method<byte[], byte[]> Echo = new(MethodType.Unary, Service, "Echo", Bytes, Bytes);
    private static readonly Method<byte[], byte[]> Count = new(MethodType.ServerStreaming, Service, "Count", Bytes, Bytes);
    private static readonly Method<byte[], byte[]> Chat = new(MethodType.DuplexStreaming, Service, "Chat", Bytes, Bytes);
    private static readonly Method<byte[], byte[]> Sum = new(MethodType.ClientStreaming, Service, "Sum", Bytes, Bytes);
    private static readonly Method<byte[], byte[]> Fail = new(MethodType.Unary, Service, "Fail", Bytes, Bytes);
    private static readonly Method<byte[], byte[]> Crash = new(MethodType.Unary, Service, "Crash", Bytes, Bytes);
    private static readonly Method<byte[], byte[]> Hang = new(MethodType.Unary, Service, "Hang", Bytes, Bytes);
    private static readonly Method<byte[], byte[]> Grow = new(MethodType.Unary, Service, "Grow", Bytes, Bytes);
    private static readonly Method<byte[], byte[]> Missing = new(MethodType.Unary, Service, "Missing", Bytes, Bytes);

    private readonly TaskCompletionSource<CancellationToken> _hangStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<TimeSpan> _hangCancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DispatcherHost? _host;

    private CallInvoker Client => _host!.Client;

    public async Task InitializeAsync() => _host = await DispatcherHost.StartAsync(GrpcDispatcher.Create(Limit, BindTestService), 64 * Limit);

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Unary_call_returns_the_reply_with_headers_and_trailers_the_handler_set()
    {
        using var call = Client.AsyncUnaryCall(Echo, null, new CallOptions(new Metadata { { "x-echo", "hello" }, { "x-data-bin", [1, 2, 3] } }), "ping"u8.ToArray());

        Assert.Equal("ping:hello:010203", Encoding.UTF8.GetString(await call.ResponseAsync));
        var headers = await call.ResponseHeadersAsync;
        Assert.Equal("early", headers.GetValue("x-header"));
        Assert.Equal("late", call.GetTrailers().GetValue("x-trailer"));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Server_streaming_delivers_every_message_in_order_then_ok()
    {
        using var call = Client.AsyncServerStreamingCall(Count, null, default, [5]);
        var received = new List<byte>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            received.Add(Assert.Single(call.ResponseStream.Current));
        }

        Assert.Equal([0, 1, 2, 3, 4], received);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Bidi_stream_answers_each_message_before_the_client_half_closes()
    {
        using var call = Client.AsyncDuplexStreamingCall(Chat, null, default);
        foreach (var word in new[] { "a", "bb", "ccc" })
        {
            await call.RequestStream.WriteAsync(Encoding.UTF8.GetBytes(word));
            // The reply arrives while the request stream is still open: responses are flushed as written.
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal(word.ToUpperInvariant(), Encoding.UTF8.GetString(call.ResponseStream.Current));
        }
        await call.RequestStream.CompleteAsync();

        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal("done:3", Encoding.UTF8.GetString(call.ResponseStream.Current));
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Client_streaming_reads_every_message_to_the_end_of_the_stream()
    {
        using var call = Client.AsyncClientStreamingCall(Sum, null, default);
        for (byte i = 1; i <= 4; i++)
        {
            await call.RequestStream.WriteAsync([i]);
        }
        await call.RequestStream.CompleteAsync();

        Assert.Equal([10], await call.ResponseAsync);
    }

    [Fact]
    public async Task Grpc_timeout_runs_out_on_the_server_as_deadline_exceeded_and_cancels_the_handler()
    {
        // Raw HTTP/2 with no client-side deadline: the status can only come from the server.
        using var http = RawClient();
        using var request = RawRequest(Hang, [1]);
        request.Headers.TryAddWithoutValidation("grpc-timeout", "300m");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsByteArrayAsync();

        var waited = await _hangCancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.InRange(waited, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));
        Assert.Empty(body);
        Assert.Equal("4", Status(response)); // DEADLINE_EXCEEDED
    }

    [Fact]
    public async Task Grpc_client_deadline_ends_in_deadline_exceeded()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.AsyncUnaryCall(Hang, null, new CallOptions(deadline: DateTime.UtcNow.AddMilliseconds(300)), [1]));

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        await _hangCancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Client_cancellation_resets_the_stream_and_cancels_the_handler_token()
    {
        using var cts = new CancellationTokenSource();
        using var call = Client.AsyncUnaryCall(Hang, null, new CallOptions(cancellationToken: cts.Token), [1]);
        var token = await _hangStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(token.IsCancellationRequested);

        await cts.CancelAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await call.ResponseAsync);
        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
        await _hangCancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(token.IsCancellationRequested);
    }

    [Fact]
    public async Task Unknown_method_is_unimplemented_as_a_trailers_only_response()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await Client.AsyncUnaryCall(Missing, null, default, [1]));
        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);

        using var http = RawClient();
        using var request = RawRequest(Missing, [1]);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/grpc", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("12", Assert.Single(response.Headers.GetValues("grpc-status")));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Empty(response.TrailingHeaders);
    }

    [Fact]
    public async Task Handler_rpc_exception_sends_its_status_message_and_trailers()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await Client.AsyncUnaryCall(Fail, null, default, [1]));

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.Equal("refusé à 100%\nsecond line", ex.Status.Detail);
        Assert.Equal("because", ex.Trailers.GetValue("x-why"));
    }

    [Fact]
    public async Task Handler_error_is_trailers_only_with_the_message_percent_encoded()
    {
        using var http = RawClient();
        using var request = RawRequest(Fail, [1]);
        using var response = await http.SendAsync(request);

        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("7", Status(response));
        Assert.Equal("refus%C3%A9 %C3%A0 100%25%0Asecond line", Assert.Single(response.Headers.GetValues("grpc-message")));
        Assert.Empty(response.TrailingHeaders);
    }

    [Fact]
    public async Task Other_handler_exception_is_unknown_with_its_message()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await Client.AsyncUnaryCall(Crash, null, default, [1]));

        Assert.Equal(StatusCode.Unknown, ex.StatusCode);
        Assert.Contains("InvalidOperationException: boom", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_over_the_limit_is_resource_exhausted()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await Client.AsyncUnaryCall(Echo, null, default, new byte[Limit + 1]));

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        // Just under it the call goes through; its reply ("::" appended) is exactly at the limit.
        var reply = await Client.AsyncUnaryCall(Echo, null, default, new byte[Limit - 2]);
        Assert.Equal(Limit, reply.Length);
    }

    [Fact]
    public async Task Reply_over_the_limit_is_resource_exhausted()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.AsyncUnaryCall(Grow, null, default, BitConverter.GetBytes(Limit + 1)));

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.Equal(Limit, (await Client.AsyncUnaryCall(Grow, null, default, BitConverter.GetBytes(Limit))).Length);
    }

    [Fact]
    public async Task Messages_far_beyond_the_http2_flow_control_window_arrive_whole_both_ways()
    {
        const int size = 24 << 20;
        await using var host = await DispatcherHost.StartAsync(GrpcDispatcher.Create(32 << 20, BindTestService), 32 << 20);
        var request = new byte[size];
        Random.Shared.NextBytes(request);

        var reply = await host.Client.AsyncUnaryCall(Echo, null, default, request);

        Assert.Equal(size + "::".Length, reply.Length);
        Assert.True(reply.AsSpan(0, size).SequenceEqual(request));
    }

    [Fact]
    public async Task Compressed_encoding_is_refused_as_unimplemented()
    {
        using var http = RawClient();
        using var request = RawRequest(Echo, [1]);
        request.Headers.TryAddWithoutValidation("grpc-encoding", "gzip");
        using var response = await http.SendAsync(request);

        Assert.Equal("12", Status(response));
        Assert.Equal("identity", Assert.Single(response.Headers.GetValues("grpc-accept-encoding")));
    }

    [Fact]
    public async Task Non_grpc_content_type_is_http_415()
    {
        using var http = RawClient();
        using var request = RawRequest(Echo, [1]);
        request.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory]
    [InlineData("1H", 36_000_000_000L)]
    [InlineData("2M", 1_200_000_000L)]
    [InlineData("3S", 30_000_000L)]
    [InlineData("250m", 2_500_000L)]
    [InlineData("99999999u", 999_999_990L)]
    [InlineData("500n", 5L)]
    public void Grpc_timeout_units_parse(string header, long ticks)
    {
        Assert.True(GrpcWire.TryParseTimeout(header, out var timeout));
        Assert.Equal(TimeSpan.FromTicks(ticks), timeout);
    }

    [Theory]
    [InlineData("m")]
    [InlineData("10")]
    [InlineData("123456789S")]
    [InlineData("-1S")]
    [InlineData("1 S")]
    [InlineData("10x")]
    public void Malformed_grpc_timeout_is_rejected(string header)
    {
        Assert.False(GrpcWire.TryParseTimeout(header, out _));
    }

    [Fact]
    public void The_plugin_serves_every_method_the_generated_binders_list()
    {
        var dispatcher = PluginHost.CreateDispatcher(new ProviderRuntime(new FakeProvider()), new ShutdownSignal());
        var expected = new[]
            {
                Protocol.Provider.Descriptor, Protocol.GoPlugin.GRPCController.Descriptor, Protocol.GoPlugin.GRPCStdio.Descriptor,
                Protocol.GoPlugin.GRPCBroker.Descriptor, Protocol.Health.Health.Descriptor,
            }
            .SelectMany(s => s.Methods.Select(m => $"/{s.FullName}/{m.Name}"))
            .Order(StringComparer.Ordinal);

        Assert.Equal(expected, dispatcher.Paths.Order(StringComparer.Ordinal));
        Assert.Contains("/tfplugin6.Provider/GetProviderSchema", dispatcher.Paths);
        Assert.Contains("/plugin.GRPCBroker/StartStream", dispatcher.Paths);
    }

    private void BindTestService(ServiceBinderBase binder)
    {
        binder.AddMethod(Echo, async (request, context) =>
        {
            await context.WriteResponseHeadersAsync(new Metadata { { "x-header", "early" } });
            context.ResponseTrailers.Add("x-trailer", "late");
            var data = context.RequestHeaders.GetValueBytes("x-data-bin");
            var suffix = $":{context.RequestHeaders.GetValue("x-echo")}:{(data is null ? "" : Convert.ToHexString(data))}";
            return [.. request, .. Encoding.UTF8.GetBytes(suffix)];
        });
        binder.AddMethod(Count, async (request, stream, _) =>
        {
            for (byte i = 0; i < request[0]; i++)
            {
                await stream.WriteAsync([i]);
            }
        });
        binder.AddMethod(Chat, async (requests, responses, context) =>
        {
            var n = 0;
            await foreach (var message in requests.ReadAllAsync(context.CancellationToken))
            {
                n++;
                await responses.WriteAsync(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(message).ToUpperInvariant()));
            }
            await responses.WriteAsync(Encoding.UTF8.GetBytes($"done:{n}"));
        });
        binder.AddMethod(Sum, async (requests, context) =>
        {
            var sum = 0;
            while (await requests.MoveNext(context.CancellationToken))
            {
                sum += requests.Current[0];
            }
            return [(byte)sum];
        });
        binder.AddMethod(Fail, new UnaryServerMethod<byte[], byte[]>((_, _) =>
            throw new RpcException(new Status(StatusCode.PermissionDenied, "refusé à 100%\nsecond line"), new Metadata { { "x-why", "because" } })));
        binder.AddMethod(Crash, new UnaryServerMethod<byte[], byte[]>((_, _) => throw new InvalidOperationException("boom")));
        binder.AddMethod(Hang, async (byte[] _, ServerCallContext context) =>
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            _hangStarted.TrySetResult(context.CancellationToken);
            try
            {
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
            }
            finally
            {
                _hangCancelled.TrySetResult(started.Elapsed);
            }
            return [];
        });
        binder.AddMethod(Grow, new UnaryServerMethod<byte[], byte[]>((request, _) => Task.FromResult(new byte[BitConverter.ToInt32(request)])));
    }

    private HttpClient RawClient() => new(_host!.Handler, disposeHandler: false)
    {
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    private static HttpRequestMessage RawRequest(Method<byte[], byte[]> method, byte[] message)
    {
        var framed = new byte[5 + message.Length];
        BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(1), (uint)message.Length);
        message.CopyTo(framed, 5);
        var content = new ByteArrayContent(framed);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"http://localhost{method.FullName}"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        request.Headers.TryAddWithoutValidation("te", "trailers");
        return request;
    }

    /// <summary>grpc-status from the trailers, or from the headers of a trailers-only response.</summary>
    private static string Status(HttpResponseMessage response) =>
        response.TrailingHeaders.TryGetValues("grpc-status", out var trailer) ? Assert.Single(trailer)
        : Assert.Single(response.Headers.GetValues("grpc-status"));
}
