using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Homelab.Testing;

/// <summary>
/// Stands in for an ntfy server on 127.0.0.1 (random port): a minimal HTTP/1.1 listener that
/// records every request and answers <see cref="StatusCode"/> (200 with a JSON message by default).
/// Handles <c>Expect: 100-continue</c>, which curl sends for larger bodies. It reads the request
/// itself rather than through <c>HttpListener</c> so that the tests see header bytes exactly as
/// curl sent them. Used by the provider's ntfy tests and by nixgen's failure-notify.sh tests.
/// </summary>
public sealed class FakeNtfyServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<NtfyRequest> _requests = new();
    private int _disposed;

    public FakeNtfyServer()
        : this(0)
    {
    }

    /// <summary>
    /// Listens on <paramref name="port"/> (0: a random free one). A test restarts a server that was
    /// "down" by disposing it and creating a new one on its <see cref="Port"/>, so the URL in the
    /// files under test stays the same.
    /// </summary>
    public FakeNtfyServer(int port)
    {
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        Url = $"http://127.0.0.1:{Port}";
        _ = AcceptLoopAsync();
    }

    public string Url { get; }

    public int Port { get; }

    public int StatusCode { get; set; } = 200;

    public IReadOnlyList<NtfyRequest> Requests => [.. _requests];

    /// <summary>Stops listening (tests call it early to simulate a server that is down); idempotent.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        _stop.Cancel();
        _listener.Stop();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var head = await ReadHeadAsync(stream).ConfigureAwait(false);
                var lines = head.Split("\r\n");
                var requestLine = lines[0].Split(' ');
                var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
                {
                    var colon = line.IndexOf(':', StringComparison.Ordinal);
                    headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
                }
                if (headers.TryGetValue("Expect", out var expect) && expect.Equals("100-continue", StringComparison.OrdinalIgnoreCase))
                {
                    await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 100 Continue\r\n\r\n")).ConfigureAwait(false);
                }
                var length = headers.TryGetValue("Content-Length", out var cl) ? int.Parse(cl, System.Globalization.CultureInfo.InvariantCulture) : 0;
                var body = new byte[length];
                await stream.ReadExactlyAsync(body).ConfigureAwait(false);
                _requests.Enqueue(new NtfyRequest(requestLine[0], requestLine[1], headers, body));
                var payload = StatusCode == 200 ? "{\"id\":\"fake\",\"event\":\"message\"}" : "{\"code\":" + StatusCode + ",\"error\":\"refused by the fake server\"}";
                var response = $"HTTP/1.1 {StatusCode} X\r\nContent-Type: application/json\r\nContent-Length: {payload.Length}\r\nConnection: close\r\n\r\n{payload}";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(response)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or SocketException or EndOfStreamException)
            {
                // A client that went away: nothing to record.
            }
        }
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (bytes.Count < 65536)
        {
            if (await stream.ReadAsync(one).ConfigureAwait(false) == 0)
            {
                throw new EndOfStreamException();
            }
            bytes.Add(one[0]);
            if (bytes.Count >= 4 && bytes[^4] == '\r' && bytes[^3] == '\n' && bytes[^2] == '\r' && bytes[^1] == '\n')
            {
                break;
            }
        }
        return Encoding.Latin1.GetString([.. bytes]).TrimEnd('\r', '\n');
    }
}
