using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Homelab.Provider.Framework.Hosting;

/// <summary>
/// Kestrel without a host: no WebApplication, configuration, hosting lifetime or middleware pipeline,
/// only the services Kestrel registers for itself (<c>UseKestrelCore</c>), logging and options, and
/// the dispatcher as the one request handler. Building it is a small service container instead of
/// WebApplication's ≈ 10 ms (see docs/design/plugin-hosting.md).
/// </summary>
internal sealed class PluginServer : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IServer _server;
    private readonly GrpcDispatcher _dispatcher;

    private PluginServer(ServiceProvider services, GrpcDispatcher dispatcher)
    {
        _services = services;
        _dispatcher = dispatcher;
        _server = services.GetRequiredService<IServer>();
    }

    /// <summary>Kestrel, HTTP/2 only, TLS when given, on the unix socket (or a loopback port when <paramref name="socketPath"/> is null).</summary>
    public static PluginServer Create(GrpcDispatcher dispatcher, string? socketPath, int port, Task<ServerTls>? tlsTask)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            logging.AddProvider(new PluginLoggerProvider());
            logging.SetMinimumLevel(LogLevel.Warning);
        });
        services.AddOptions();
        services.AddMetrics();
        // Kestrel takes the host's DiagnosticSource; with no listener subscribed it costs nothing.
        services.AddSingleton<System.Diagnostics.DiagnosticSource>(new System.Diagnostics.DiagnosticListener("Microsoft.AspNetCore"));
        // Kestrel's own registrations (transport, options setup, server), exactly as a host would add them.
        new ServiceRegistrar(services).UseKestrelCore().ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = null;
            // One client over a private socket, whose streams idle for minutes by design (go-plugin's
            // broker stream and GRPCStdio stay open with nothing to send): Kestrel's minimum data
            // rates, a defence against slow clients on the open internet, would abort them after their
            // 5 s grace. gRPC servers switch them off for streaming calls for the same reason.
            k.Limits.MinRequestBodyDataRate = null;
            k.Limits.MinResponseDataRate = null;
            k.Limits.Http2.MaxStreamsPerConnection = 1000;
            Action<ListenOptions> configure = listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                if (tlsTask is not null)
                {
                    listen.UseHttps(new TlsHandshakeCallbackOptions
                    {
                        OnConnection = async _ => (await tlsTask.ConfigureAwait(false)).Options,
                    });
                }
            };
            if (socketPath is not null)
            {
                k.ListenUnixSocket(socketPath, configure);
            }
            else
            {
                k.Listen(IPAddress.Loopback, port, configure);
            }
        });
        return new PluginServer(services.BuildServiceProvider(), dispatcher);
    }

    /// <summary>The first address Kestrel bound (the loopback port when listening on TCP).</summary>
    public string? FirstAddress => _server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();

    public Task StartAsync(CancellationToken cancellationToken = default) =>
        _server.StartAsync(new Application(_dispatcher), cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken = default) => _server.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync() => await _services.DisposeAsync().ConfigureAwait(false);

    /// <summary>Each request gets a plain HttpContext over Kestrel's features and goes to the dispatcher.</summary>
    private sealed class Application(GrpcDispatcher dispatcher) : IHttpApplication<HttpContext>
    {
        public HttpContext CreateContext(IFeatureCollection contextFeatures) => new DefaultHttpContext(contextFeatures);

        public Task ProcessRequestAsync(HttpContext context) => dispatcher.HandleAsync(context);

        public void DisposeContext(HttpContext context, Exception? exception)
        {
        }
    }

    /// <summary>
    /// Just enough of <see cref="IWebHostBuilder"/> for Kestrel's public registration extensions
    /// (<c>UseKestrelCore</c>, <c>ConfigureKestrel</c>), which only add services.
    /// </summary>
    private sealed class ServiceRegistrar(IServiceCollection services) : IWebHostBuilder
    {
        private readonly WebHostBuilderContext _context = new() { Configuration = new ConfigurationManager() };

#pragma warning disable ASPDEPR008 // IWebHostBuilder's own signature; nothing is ever built through it.
        public IWebHost Build() => throw new NotSupportedException("Only services are registered through this builder.");
#pragma warning restore ASPDEPR008

        public IWebHostBuilder ConfigureAppConfiguration(Action<WebHostBuilderContext, IConfigurationBuilder> configureDelegate) =>
            throw new NotSupportedException("The plugin server reads no configuration.");

        public IWebHostBuilder ConfigureServices(Action<IServiceCollection> configureServices)
        {
            ArgumentNullException.ThrowIfNull(configureServices);
            configureServices(services);
            return this;
        }

        public IWebHostBuilder ConfigureServices(Action<WebHostBuilderContext, IServiceCollection> configureServices)
        {
            ArgumentNullException.ThrowIfNull(configureServices);
            configureServices(_context, services);
            return this;
        }

        public string? GetSetting(string key) => null;

        public IWebHostBuilder UseSetting(string key, string? value) => this;
    }
}
