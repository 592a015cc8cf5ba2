using System.Diagnostics;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;

namespace Homelab.StartupBench;

/// <summary>Starts a provider the way tofu/terraform do and talks to it over AutoMTLS gRPC.</summary>
internal sealed class PluginClient : IAsyncDisposable
{
    private const string Cookie = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";
    private static readonly X509Certificate2 ClientCert = CreateClientCert();

    private readonly Process _process;

    private PluginClient(Process process, GrpcChannel channel, double handshakeMs)
    {
        _process = process;
        Channel = channel;
        HandshakeMs = handshakeMs;
    }

    public GrpcChannel Channel { get; }

    public double HandshakeMs { get; }

    public int Pid => _process.Id;

    public static async Task<PluginClient> StartAsync(string exe)
    {
        var psi = new ProcessStartInfo(exe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["TF_PLUGIN_MAGIC_COOKIE"] = Cookie;
        psi.Environment["PLUGIN_PROTOCOL_VERSIONS"] = "5,6";
        psi.Environment["PLUGIN_MIN_PORT"] = "10000";
        psi.Environment["PLUGIN_MAX_PORT"] = "25000";
        psi.Environment["PLUGIN_CLIENT_CERT"] = ClientCert.ExportCertificatePem();
        var sw = Stopwatch.StartNew();
        var process = Process.Start(psi)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var line = await process.StandardOutput.ReadLineAsync().ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{exe} printed no handshake line.");
        var handshakeMs = sw.Elapsed.TotalMilliseconds;
        var parts = line.Split('|');
        var network = parts[2];
        var address = parts[3];
        var certText = parts[5];
        var serverCert = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(certText.PadRight((certText.Length + 3) / 4 * 4, '=')));
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                Socket socket;
                if (network == "unix")
                {
                    socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(address), ct).ConfigureAwait(false);
                }
                else
                {
                    socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                    var hostPort = address.Split(':');
                    await socket.ConnectAsync(hostPort[0], int.Parse(hostPort[1], System.Globalization.CultureInfo.InvariantCulture), ct).ConfigureAwait(false);
                }
                return new NetworkStream(socket, ownsSocket: true);
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                ClientCertificates = [ClientCert],
                RemoteCertificateValidationCallback = (_, cert, _, _) => cert is not null && cert.GetRawCertData().AsSpan().SequenceEqual(serverCert.RawData),
            },
        };
        var channel = GrpcChannel.ForAddress("https://localhost", new GrpcChannelOptions { HttpHandler = handler, MaxReceiveMessageSize = 256 << 20 });
        return new PluginClient(process, channel, handshakeMs);
    }

    /// <summary>Peak resident set size so far (VmHWM), in MB.</summary>
    public double PeakRssMb()
    {
        foreach (var l in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (l.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
            }
        }
        return -1;
    }

    /// <summary>
    /// CPU time the process has used so far, in ms: the sum of its live threads' schedstat run time
    /// (nanoseconds). Unlike wall time it hardly moves when other jobs compete for the cores.
    /// </summary>
    public double CpuMs()
    {
        long ns = 0;
        foreach (var task in Directory.EnumerateDirectories($"/proc/{_process.Id}/task"))
        {
            try
            {
                ns += long.Parse(File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The thread ended meanwhile.
            }
        }
        return ns / 1e6;
    }

    /// <summary>go-plugin's Shutdown; returns the milliseconds until the process exited.</summary>
    public async Task<double> ShutdownAsync()
    {
        var sw = Stopwatch.StartNew();
        var controller = new Homelab.Provider.Framework.Protocol.GoPlugin.GRPCController.GRPCControllerClient(Channel);
        try
        {
            await controller.ShutdownAsync(new Homelab.Provider.Framework.Protocol.GoPlugin.Empty());
        }
        catch (Grpc.Core.RpcException)
        {
            // go-plugin's own servers may drop the connection while answering Shutdown.
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        return sw.Elapsed.TotalMilliseconds;
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }
        _process.Dispose();
    }

    private static X509Certificate2 CreateClientCert()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var req = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        req.CertificateExtensions.Add(san.Build());
        req.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        req.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var cert = req.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
        // Round-trip through PKCS#12 so SslStream can use the private key on every platform.
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null);
    }
}
