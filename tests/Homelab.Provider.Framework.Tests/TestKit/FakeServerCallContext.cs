using Grpc.Core;

namespace Homelab.Provider.Framework.Tests.TestKit;

/// <summary>The smallest ServerCallContext the service accepts: a method name and a cancellation token.</summary>
internal sealed class FakeServerCallContext(CancellationToken cancellationToken = default) : ServerCallContext
{
    private readonly Metadata _trailers = [];

    protected override string MethodCore => "/tfplugin6.Provider/Test";

    protected override string HostCore => "localhost";

    protected override string PeerCore => "ipv4:127.0.0.1:1";

    protected override DateTime DeadlineCore => DateTime.MaxValue;

    protected override Metadata RequestHeadersCore => [];

    protected override CancellationToken CancellationTokenCore => cancellationToken;

    protected override Metadata ResponseTrailersCore => _trailers;

    protected override Status StatusCore { get; set; }

    protected override WriteOptions? WriteOptionsCore { get; set; }

    protected override AuthContext AuthContextCore => new(null, []);

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) =>
        throw new NotSupportedException("The provider service never propagates calls.");

    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
}
