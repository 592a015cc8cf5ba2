using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Homelab.Provider.Framework.Hosting;

/// <summary>
/// One gRPC call on one HTTP/2 stream: the <see cref="ServerCallContext"/> the implementation sees, and the
/// wire protocol around it — length-prefixed messages, response headers, then messages, then the
/// <c>grpc-status</c>/<c>grpc-message</c> trailers (or a trailers-only response when nothing was sent).
/// </summary>
internal sealed class GrpcCall : ServerCallContext, IDisposable
{
    private readonly HttpContext _http;
    private readonly string _method;
    private readonly int _maxMessageBytes;
    private readonly CancellationTokenSource? _deadlineSource;
    private readonly CancellationTokenSource _callSource;
    private readonly DateTime _deadline;
    private Metadata? _requestHeaders;
    private Metadata? _responseTrailers;
    private AuthContext? _authContext;
    private int _writing;
    private bool _messageWritten;
    private bool _completed;

    public GrpcCall(HttpContext http, string method, TimeSpan? timeout, int maxMessageBytes)
    {
        _http = http;
        _method = method;
        _maxMessageBytes = maxMessageBytes;
        http.Response.ContentType = GrpcWire.ContentType;
        if (timeout is { } t)
        {
            _deadline = DateTime.UtcNow + t;
            _deadlineSource = new CancellationTokenSource(t);
            _callSource = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, _deadlineSource.Token);
        }
        else
        {
            _deadline = DateTime.MaxValue;
            _callSource = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        }
    }

    /// <summary>The HTTP request this call runs on (the controller's Shutdown waits for its response to complete).</summary>
    public HttpContext HttpContext => _http;

    /// <summary>True once the grpc-timeout the client sent has run out.</summary>
    public bool DeadlineExceeded => _deadlineSource?.IsCancellationRequested == true;

    protected override string MethodCore => _method;

    protected override string HostCore => _http.Request.Host.Value ?? "";

    protected override string PeerCore => _http.Connection.RemoteIpAddress is { } ip
        ? string.Create(CultureInfo.InvariantCulture, $"{(ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "ipv6:[" + ip + "]" : "ipv4:" + ip)}:{_http.Connection.RemotePort}")
        : "unix:";

    protected override DateTime DeadlineCore => _deadline;

    protected override Metadata RequestHeadersCore => _requestHeaders ??= GrpcWire.ToMetadata(_http.Request.Headers);

    protected override CancellationToken CancellationTokenCore => _callSource.Token;

    protected override Metadata ResponseTrailersCore => _responseTrailers ??= [];

    protected override Status StatusCore { get; set; }

    protected override WriteOptions? WriteOptionsCore { get; set; }

    protected override AuthContext AuthContextCore => _authContext ??= new AuthContext(null, []);

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) =>
        throw new NotSupportedException("This server makes no outgoing gRPC calls to propagate to.");

    protected override async Task WriteResponseHeadersAsyncCore(Metadata responseHeaders)
    {
        if (_http.Response.HasStarted || _messageWritten)
        {
            throw new InvalidOperationException("Response headers can only be sent once per call, before any message.");
        }
        GrpcWire.AddMetadata(_http.Response.Headers, responseHeaders);
        await _http.Response.StartAsync(CancellationToken).ConfigureAwait(false);
        await _http.Response.BodyWriter.FlushAsync(CancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the one request message of a unary or server-streaming call (the stream must end after it).</summary>
    public async Task<T> ReadSingleAsync<T>(Marshaller<T> marshaller)
    {
        var message = await ReadMessageAsync(marshaller, CancellationToken).ConfigureAwait(false);
        if (!message.HasValue)
        {
            throw new RpcException(new Status(StatusCode.Internal, "The request stream ended without a request message."));
        }
        if ((await ReadMessageAsync(marshaller, CancellationToken).ConfigureAwait(false)).HasValue)
        {
            throw new RpcException(new Status(StatusCode.Internal, "More than one request message for a single-request method."));
        }
        return message.Value;
    }

    /// <summary>The next request message, or no value at the end of the request stream.</summary>
    public async ValueTask<Optional<T>> ReadMessageAsync<T>(Marshaller<T> marshaller, CancellationToken cancellationToken)
    {
        var reader = _http.Request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (TryTakeMessage(ref buffer, out var payload))
            {
                // Parsed straight from the pipe's buffers, then released.
                T message;
                try
                {
                    message = Deserialize(marshaller, payload);
                }
                finally
                {
                    reader.AdvanceTo(buffer.Start);
                }
                return new Optional<T>(message);
            }
            if (result.IsCompleted || result.IsCanceled)
            {
                var partial = buffer.Length;
                reader.AdvanceTo(buffer.End);
                if (partial > 0)
                {
                    throw new RpcException(new Status(StatusCode.Internal, "The request stream ended inside a message."));
                }
                cancellationToken.ThrowIfCancellationRequested();
                return default;
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>Writes one length-prefixed response message; streams flush each, unary replies leave with the trailers.</summary>
    public async Task WriteAsync<T>(T message, Marshaller<T> marshaller, bool flush, CancellationToken cancellationToken = default)
    {
        if (_completed)
        {
            throw new InvalidOperationException("The call has completed; no more messages can be written.");
        }
        if (Interlocked.Exchange(ref _writing, 1) == 1)
        {
            throw new InvalidOperationException("A message is still being written: gRPC writes must not overlap.");
        }
        try
        {
            // The marshaller writes the prefix and the message straight into the response (see MessageWriter).
            var context = new MessageWriter(_http.Response.BodyWriter, _maxMessageBytes);
            try
            {
                marshaller.ContextualSerializer(message, context);
                context.EnsureComplete();
            }
            finally
            {
                // Bytes in the response rule out a trailers-only answer, even for a message that failed halfway.
                _messageWritten |= context.Started;
            }
            if (flush)
            {
                var token = cancellationToken.CanBeCanceled ? cancellationToken : CancellationToken;
                await _http.Response.BodyWriter.FlushAsync(token).ConfigureAwait(false);
                token.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            Volatile.Write(ref _writing, 0);
        }
    }

    /// <summary>Ends the call: the status (from the failure, the deadline or the implementation) goes into trailers.</summary>
    public Task CompleteAsync(Exception? failure)
    {
        _completed = true;
        var status = StatusFor(failure);
        if (_http.RequestAborted.IsCancellationRequested)
        {
            return Task.CompletedTask; // RST_STREAM from the client: nothing more can reach it.
        }
        var response = _http.Response;
        if (!response.HasStarted && !_messageWritten)
        {
            // Trailers-only: one HEADERS frame with END_STREAM carrying the status.
            GrpcWire.AddStatus(response.Headers, status);
            if (_responseTrailers is { Count: > 0 })
            {
                GrpcWire.AddMetadata(response.Headers, _responseTrailers);
            }
            return Task.CompletedTask;
        }
        if (_responseTrailers is { Count: > 0 })
        {
            foreach (var entry in _responseTrailers)
            {
                response.AppendTrailer(entry.Key, entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes) : entry.Value);
            }
        }
        response.AppendTrailer(GrpcWire.StatusHeader, ((int)status.StatusCode).ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(status.Detail))
        {
            response.AppendTrailer(GrpcWire.MessageHeader, GrpcWire.PercentEncode(status.Detail));
        }
        return Task.CompletedTask;
    }

    /// <summary>A trailers-only answer for a call that never reached a method.</summary>
    public static Task RespondTrailersOnly(HttpContext http, Status status)
    {
        http.Response.ContentType = GrpcWire.ContentType;
        GrpcWire.AddStatus(http.Response.Headers, status);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _callSource.Dispose();
        _deadlineSource?.Dispose();
    }

    private Status StatusFor(Exception? failure)
    {
        if (DeadlineExceeded)
        {
            return new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded");
        }
        switch (failure)
        {
            case null:
                return StatusCore;
            case RpcException rpc:
                foreach (var entry in rpc.Trailers)
                {
                    ResponseTrailersCore.Add(entry);
                }
                return rpc.Status;
            case OperationCanceledException when _http.RequestAborted.IsCancellationRequested:
                return new Status(StatusCode.Cancelled, "The client cancelled the call.");
            default:
                PluginLog.Error("gRPC method failed", ("method", _method), ("error", failure.ToString()));
                return new Status(StatusCode.Unknown, $"Exception was thrown by handler. {failure.GetType().Name}: {failure.Message}");
        }
    }

    private bool TryTakeMessage(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> payload)
    {
        payload = default;
        if (buffer.Length < GrpcWire.PrefixLength)
        {
            return false;
        }
        Span<byte> prefix = stackalloc byte[GrpcWire.PrefixLength];
        buffer.Slice(0, GrpcWire.PrefixLength).CopyTo(prefix);
        if (prefix[0] != 0)
        {
            // Only identity is accepted (see GrpcDispatcher), so a compressed message is a protocol error.
            throw new RpcException(new Status(StatusCode.Internal,
                prefix[0] == 1 ? "A compressed message arrived, but the call's grpc-encoding is identity." : "Invalid message flags."));
        }
        var length = BinaryPrimitives.ReadUInt32BigEndian(prefix[1..]);
        if (length > (uint)_maxMessageBytes)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted,
                string.Create(CultureInfo.InvariantCulture, $"Received message exceeds the maximum message size ({length} > {_maxMessageBytes} bytes).")));
        }
        if (buffer.Length < GrpcWire.PrefixLength + length)
        {
            return false;
        }
        payload = buffer.Slice(GrpcWire.PrefixLength, length);
        buffer = buffer.Slice(GrpcWire.PrefixLength + length);
        return true;
    }

    private static T Deserialize<T>(Marshaller<T> marshaller, ReadOnlySequence<byte> payload)
    {
        try
        {
            return marshaller.ContextualDeserializer(new MessageReader(payload));
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"Failed to deserialize the request message: {ex.Message}"));
        }
    }
}

/// <summary>One received message for a marshaller: protobuf parses the sequence in place.</summary>
internal sealed class MessageReader(ReadOnlySequence<byte> payload) : DeserializationContext
{
    public override int PayloadLength => (int)payload.Length;

    public override byte[] PayloadAsNewBuffer() => payload.ToArray();

    public override ReadOnlySequence<byte> PayloadAsReadOnlySequence() => payload;
}

/// <summary>
/// One message to send, for a marshaller: with the length known up front (protobuf's SetPayloadLength) the
/// 5-byte prefix and the message are written straight into the response; otherwise the message is
/// buffered and written whole at Complete. Over the limit is RESOURCE_EXHAUSTED before a byte is written.
/// </summary>
internal sealed class MessageWriter(PipeWriter pipe, int maxMessageBytes) : SerializationContext, IBufferWriter<byte>
{
    private int _declared = -1;
    private long _written;

    /// <summary>True once the prefix is in the response.</summary>
    public bool Started { get; private set; }
    private ArrayBufferWriter<byte>? _buffer;
    private bool _complete;

    public override void SetPayloadLength(int payloadLength)
    {
        if (_declared >= 0 || _buffer is not null || _complete)
        {
            throw new InvalidOperationException("The payload length must be set once, before the message is written.");
        }
        CheckLimit(payloadLength);
        WritePrefix(payloadLength);
        _declared = payloadLength;
    }

    public override IBufferWriter<byte> GetBufferWriter() => _declared >= 0 ? this : _buffer ??= new ArrayBufferWriter<byte>();

    public override void Complete()
    {
        if (_declared >= 0)
        {
            if (_written != _declared)
            {
                throw new InvalidOperationException($"The serializer declared {_declared} bytes but wrote {_written}.");
            }
        }
        else
        {
            var payload = _buffer is null ? ReadOnlySpan<byte>.Empty : _buffer.WrittenSpan;
            CheckLimit(payload.Length);
            WritePrefix(payload.Length);
            pipe.Write(payload);
        }
        _complete = true;
    }

    public override void Complete(byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (_declared >= 0 || _buffer is not null)
        {
            throw new InvalidOperationException("The message was already being written through the buffer writer.");
        }
        CheckLimit(payload.Length);
        WritePrefix(payload.Length);
        pipe.Write(payload);
        _complete = true;
    }

    /// <summary>Throws if the marshaller never completed the message (nothing or part of it would be on the wire).</summary>
    public void EnsureComplete()
    {
        if (!_complete)
        {
            throw new InvalidOperationException("The marshaller did not complete the message.");
        }
    }

    void IBufferWriter<byte>.Advance(int count)
    {
        _written += count;
        if (_written > _declared)
        {
            throw new InvalidOperationException($"The serializer wrote more than the {_declared} bytes it declared.");
        }
        pipe.Advance(count);
    }

    Memory<byte> IBufferWriter<byte>.GetMemory(int sizeHint) => pipe.GetMemory(sizeHint);

    Span<byte> IBufferWriter<byte>.GetSpan(int sizeHint) => pipe.GetSpan(sizeHint);

    private void CheckLimit(int length)
    {
        if (length > maxMessageBytes)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted,
                string.Create(CultureInfo.InvariantCulture, $"Sending message exceeds the maximum message size ({length} > {maxMessageBytes} bytes).")));
        }
    }

    private void WritePrefix(int length)
    {
        var prefix = pipe.GetSpan(GrpcWire.PrefixLength);
        prefix[0] = 0; // not compressed: only identity is spoken
        BinaryPrimitives.WriteUInt32BigEndian(prefix[1..], (uint)length);
        pipe.Advance(GrpcWire.PrefixLength);
        Started = true;
    }
}

/// <summary>A value or none, for reads that can meet the end of the stream (T may be any message type).</summary>
internal readonly record struct Optional<T>(T Value)
{
    public bool HasValue { get; } = true;
}

/// <summary>The request stream of client-streaming and bidi calls.</summary>
internal sealed class GrpcStreamReader<T>(GrpcCall call, Marshaller<T> marshaller) : IAsyncStreamReader<T>
{
    private T? _current;

    public T Current => _current ?? throw new InvalidOperationException("MoveNext has not returned true.");

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        using var linked = cancellationToken.CanBeCanceled && cancellationToken != call.CancellationToken
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, call.CancellationToken)
            : null;
        var message = await call.ReadMessageAsync(marshaller, linked?.Token ?? call.CancellationToken).ConfigureAwait(false);
        _current = message.HasValue ? message.Value : default;
        return message.HasValue;
    }
}

/// <summary>The response stream of server-streaming and bidi calls: every message is flushed as written.</summary>
internal sealed class GrpcStreamWriter<T>(GrpcCall call, Marshaller<T> marshaller) : IServerStreamWriter<T>
{
    public WriteOptions? WriteOptions { get; set; }

    public Task WriteAsync(T message) => call.WriteAsync(message, marshaller, flush: true);

    public Task WriteAsync(T message, CancellationToken cancellationToken) => call.WriteAsync(message, marshaller, flush: true, cancellationToken);
}

/// <summary>Facts of gRPC over HTTP/2 (PROTOCOL-HTTP2) the dispatcher needs.</summary>
internal static class GrpcWire
{
    public const int PrefixLength = 5;
    public const string ContentType = "application/grpc";
    public const string StatusHeader = "grpc-status";
    public const string MessageHeader = "grpc-message";
    public const string EncodingHeader = "grpc-encoding";
    public const string AcceptEncodingHeader = "grpc-accept-encoding";
    public const string TimeoutHeader = "grpc-timeout";

    /// <summary><c>application/grpc</c>, alone or followed by <c>+format</c> or <c>;parameters</c>.</summary>
    public static bool IsGrpcContentType(string? contentType) =>
        contentType is not null
        && contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase)
        && (contentType.Length == ContentType.Length || contentType[ContentType.Length] is '+' or ';');

    /// <summary>
    /// <c>grpc-timeout</c>: at most 8 ASCII digits, then H, M, S, m, u or n. Empty means no deadline (null);
    /// anything else malformed is false. Deadlines beyond what a timer holds count as none.
    /// </summary>
    public static bool TryParseTimeout(string text, out TimeSpan? timeout)
    {
        timeout = null;
        if (text.Length == 0)
        {
            return true;
        }
        if (text.Length < 2 || text.Length > 9)
        {
            return false;
        }
        long value = 0;
        foreach (var c in text.AsSpan(0, text.Length - 1))
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
            value = value * 10 + (c - '0');
        }
        long? ticks = text[^1] switch
        {
            'H' => value * TimeSpan.TicksPerHour,
            'M' => value * TimeSpan.TicksPerMinute,
            'S' => value * TimeSpan.TicksPerSecond,
            'm' => value * TimeSpan.TicksPerMillisecond,
            'u' => value * TimeSpan.TicksPerMicrosecond,
            'n' => value / 100,
            _ => null,
        };
        if (ticks is null)
        {
            return false;
        }
        // CancellationTokenSource takes at most uint.MaxValue - 1 ms (~49 days).
        if (ticks.Value < (uint.MaxValue - 1L) * TimeSpan.TicksPerMillisecond)
        {
            timeout = TimeSpan.FromTicks(Math.Max(ticks.Value, 0));
        }
        return true;
    }

    /// <summary>grpc-message: UTF-8, then every byte outside printable ASCII, and '%', as %XX.</summary>
    public static string PercentEncode(string message)
    {
        var plain = true;
        foreach (var c in message)
        {
            if (c is < ' ' or > '~' or '%')
            {
                plain = false;
                break;
            }
        }
        if (plain)
        {
            return message;
        }
        var sb = new StringBuilder(message.Length * 3 / 2);
        foreach (var b in Encoding.UTF8.GetBytes(message))
        {
            if (b is < 0x20 or > 0x7E or (byte)'%')
            {
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append((char)b);
            }
        }
        return sb.ToString();
    }

    public static void AddStatus(IHeaderDictionary headers, Status status)
    {
        headers[StatusHeader] = ((int)status.StatusCode).ToString(CultureInfo.InvariantCulture);
        if (!string.IsNullOrEmpty(status.Detail))
        {
            headers[MessageHeader] = PercentEncode(status.Detail);
        }
    }

    public static void AddMetadata(IHeaderDictionary headers, Metadata metadata)
    {
        foreach (var entry in metadata)
        {
            headers.Append(entry.Key, entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes) : entry.Value);
        }
    }

    /// <summary>Request headers as gRPC metadata: pseudo-headers and the protocol's own left out, -bin values decoded.</summary>
    public static Metadata ToMetadata(IHeaderDictionary headers)
    {
        var metadata = new Metadata();
        foreach (var (key, values) in headers)
        {
            if (key.StartsWith(':') || key is "content-type" or "te" or "host" or TimeoutHeader or EncodingHeader or AcceptEncodingHeader
                || key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var name = key.ToLowerInvariant();
            foreach (var value in values)
            {
                if (value is null)
                {
                    continue;
                }
                if (name.EndsWith(Metadata.BinaryHeaderSuffix, StringComparison.Ordinal))
                {
                    metadata.Add(name, DecodeBase64(value));
                }
                else
                {
                    metadata.Add(name, value);
                }
            }
        }
        return metadata;
    }

    private static byte[] DecodeBase64(string value)
    {
        // gRPC senders may leave out the padding.
        var padded = value.Length % 4 == 0 ? value : value.PadRight(value.Length + 4 - value.Length % 4, '=');
        return Convert.FromBase64String(padded);
    }
}
