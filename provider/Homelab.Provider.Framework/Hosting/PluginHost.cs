using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Server;

namespace Homelab.Provider.Framework.Hosting;

/// <summary>
/// Serves a provider the way the go-plugin client expects (see docs/design/plugin-hosting.md):
/// cookie check, version negotiation, listen on a fresh unix socket (or loopback port), AutoMTLS,
/// then — only once listening — the single handshake line on stdout.
/// </summary>
public static class PluginHost
{
    /// <summary>gRPC message limit: provider schemas and large states exceed the 4 MB default.</summary>
    public const int MaxMessageBytes = 256 * 1024 * 1024;

    /// <summary>
    /// Runs the plugin until Shutdown or SIGTERM, named after the provider's
    /// <see cref="IProvider.TypeName"/> (<see cref="PluginHostOptions.For"/>). Returns the process exit code.
    /// </summary>
    /// <param name="provider">The provider to serve.</param>
    /// <param name="args">Command-line arguments: <c>--debug</c> serves for a debugger.</param>
    /// <param name="providerAddress">Source address printed for <c>TF_REATTACH_PROVIDERS</c> in debug mode.</param>
    public static Task<int> RunAsync(IProvider provider, string[] args, string providerAddress) =>
        RunAsync(provider, args, providerAddress, PluginHostOptions.For(provider));

    /// <summary>Runs the plugin until Shutdown or SIGTERM. Returns the process exit code.</summary>
    /// <param name="provider">The provider to serve.</param>
    /// <param name="args">Command-line arguments: <c>--debug</c> serves for a debugger.</param>
    /// <param name="providerAddress">Source address printed for <c>TF_REATTACH_PROVIDERS</c> in debug mode.</param>
    /// <param name="options">The plugin's name and what derives from it: log module, socket names, certificate, variables.</param>
    public static async Task<int> RunAsync(IProvider provider, string[] args, string providerAddress, PluginHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(options);
        PluginLog.Module = options.LogModule;
        var debug = args.Contains("--debug");
        var env = HandshakeEnvironment.FromProcess();
        if (!debug && !env.CookieMatches)
        {
            await Console.Error.WriteLineAsync(
                "This binary is a plugin. These are not meant to be executed directly.\n"
                + "Please execute the program that consumes these plugins (tofu or terraform), which will load\n"
                + "any plugins automatically. To debug the provider, run it with --debug.").ConfigureAwait(false);
            return 1;
        }
        if (!debug && !env.SupportsOurProtocol)
        {
            await Console.Error.WriteLineAsync(
                $"This provider speaks plugin protocol {HandshakeEnvironment.ProtocolVersion}, but the client offered only "
                + $"\"{env.ProtocolVersions}\". Use Terraform >= 1.0 or OpenTofu >= 1.6.").ConfigureAwait(false);
            return 1;
        }

        var startup = System.Diagnostics.Stopwatch.StartNew();
        var shutdown = new ShutdownSignal();
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx =>
        {
            ctx.Cancel = true;
            shutdown.Request("SIGTERM");
        });
        // The client forwards Ctrl-C as StopProvider; the signal itself must not kill us mid-apply.
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx =>
        {
            ctx.Cancel = true;
            if (debug)
            {
                shutdown.Request("SIGINT in debug mode");
            }
        });

        // TLS setup (key, certificate, context) runs beside the Kestrel build: two cores, two jobs.
        var tlsTask = !debug && env.UseTls ? Task.Run(() => ServerTls.Create(env.ClientCertificatePem!, options.CertificateOrganization)) : null;
        // Debug mode has no AutoMTLS (no client certificate to pin), so it never listens on TCP,
        // where any local user could call the provider with the operator's credentials: a unix
        // socket in a fresh 0700 directory admits only this user (and root).
        var debugDir = debug ? Directory.CreateTempSubdirectory(options.DebugDirectoryPrefix) : null;
        var socketPath = debugDir is not null ? NewSocketPath(debugDir.FullName, options.SocketPrefix)
            : UseTcp(options) ? null
            : NewSocketPath(env.UnixSocketDirectory, options.SocketPrefix);
        var runtime = new ProviderRuntime(provider);

        PluginLog.Trace("startup: building server", ("ms", startup.Elapsed.TotalMilliseconds));
        var app = BuildApp(CreateDispatcher(runtime, shutdown), socketPath, PickPort(env), tlsTask);
        PluginLog.Trace("startup: server built", ("ms", startup.Elapsed.TotalMilliseconds));
        try
        {
            await app.StartAsync().ConfigureAwait(false);
            PluginLog.Trace("startup: listening", ("ms", startup.Elapsed.TotalMilliseconds));
            var address = socketPath ?? BoundAddress(app);
            var network = socketPath is null ? "tcp" : "unix";
            if (debug)
            {
                PrintReattach(providerAddress, network, address);
            }
            else
            {
                var cert = tlsTask is null ? "" : AutoMtls.HandshakeField((await tlsTask.ConfigureAwait(false)).Certificate);
                WriteStdout($"1|{HandshakeEnvironment.ProtocolVersion}|{network}|{address}|grpc|{cert}\n");
            }
            PluginLog.Trace("startup: handshake written", ("ms", startup.Elapsed.TotalMilliseconds));
            runtime.WarmUp();
            var reason = await shutdown.Requested.ConfigureAwait(false);
            PluginLog.Debug("plugin exiting", ("reason", reason));
            using var stopTimeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
            await app.StopAsync(stopTimeout.Token).ConfigureAwait(false);
            return 0;
        }
        finally
        {
            await app.DisposeAsync().ConfigureAwait(false);
            if (socketPath is not null)
            {
                TryDelete(socketPath);
            }
            if (debugDir is not null)
            {
                TryDeleteDirectory(debugDir);
            }
        }
    }

    /// <summary>
    /// The method table of every service the plugin serves: tfplugin6, go-plugin's controller, stdio and
    /// broker, and grpc.health.v1. Each generated <c>BindService</c> lists its own methods.
    /// </summary>
    internal static GrpcDispatcher CreateDispatcher(ProviderRuntime runtime, ShutdownSignal shutdown) =>
        GrpcDispatcher.Create(MaxMessageBytes,
            b => Protocol.Provider.BindService(b, new ProviderService(runtime)),
            b => Protocol.GoPlugin.GRPCController.BindService(b, new ControllerService(shutdown)),
            b => Protocol.GoPlugin.GRPCStdio.BindService(b, new StdioService(shutdown)),
            b => Protocol.GoPlugin.GRPCBroker.BindService(b, new BrokerService(shutdown)),
            b => Protocol.Health.Health.BindService(b, new HealthService()));

    /// <summary>Kestrel alone (HTTP/2 only, TLS when given, unix socket or loopback port) with the dispatcher as its one request handler.</summary>
    internal static PluginServer BuildApp(GrpcDispatcher dispatcher, string? socketPath, int port, Task<ServerTls>? tlsTask) =>
        PluginServer.Create(dispatcher, socketPath, port, tlsTask);

    private static bool UseTcp(PluginHostOptions options) =>
        string.Equals(Environment.GetEnvironmentVariable(options.TransportVariable), "tcp", StringComparison.OrdinalIgnoreCase);

    /// <summary>A fresh socket path per process: the client starts several providers at once.</summary>
    private static string NewSocketPath(string? directory, string prefix)
    {
        var dir = string.IsNullOrEmpty(directory) ? Path.GetTempPath() : directory;
        return Path.Combine(dir, SocketFileName(prefix, Environment.ProcessId, Guid.NewGuid()));
    }

    /// <summary>
    /// <c>&lt;prefix&gt;&lt;pid&gt;-&lt;guid&gt;</c> cut to 48 characters, but never to fewer than 16 of
    /// the guid's hex digits (a long plugin name keeps the file unique), then <c>.sock</c>.
    /// </summary>
    internal static string SocketFileName(string prefix, int processId, Guid unique)
    {
        var name = $"{prefix}{processId.ToString(CultureInfo.InvariantCulture)}-{unique:N}";
        return name[..Math.Min(name.Length, Math.Max(48, name.Length - 16))] + ".sock";
    }

    /// <summary>0 lets the kernel choose; a PLUGIN_MIN_PORT..PLUGIN_MAX_PORT range picks randomly inside it.</summary>
    private static int PickPort(HandshakeEnvironment env) =>
        env.MinPort > 0 && env.MaxPort >= env.MinPort ? Random.Shared.Next(env.MinPort, env.MaxPort + 1) : 0;

    private static string BoundAddress(PluginServer server)
    {
        var url = server.FirstAddress ?? throw new InvalidOperationException("Kestrel reported no address.");
        var uri = new Uri(url);
        return $"127.0.0.1:{uri.Port.ToString(CultureInfo.InvariantCulture)}";
    }

    private static void PrintReattach(string providerAddress, string network, string address)
    {
        var json = $"{{\"{providerAddress}\":{{\"Protocol\":\"grpc\",\"ProtocolVersion\":{HandshakeEnvironment.ProtocolVersion},\"Pid\":{Environment.ProcessId},\"Test\":true,\"Addr\":{{\"Network\":\"{network}\",\"String\":\"{address}\"}}}}}}";
        WriteStdout($"Provider started. To attach Terraform or OpenTofu, set in their environment:\n\n\tTF_REATTACH_PROVIDERS='{json}'\n\nPress Ctrl-C to stop.\n");
    }

    /// <summary>The only writer to stdout in the whole process.</summary>
    private static void WriteStdout(string text)
    {
        using var stdout = Console.OpenStandardOutput();
        var bytes = Encoding.UTF8.GetBytes(text);
        stdout.Write(bytes, 0, bytes.Length);
        stdout.Flush();
    }

    private static void TryDeleteDirectory(DirectoryInfo directory)
    {
        try
        {
            directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Best effort, as for the socket itself.
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the temp dir is cleaned by the OS eventually.
        }
    }
}
