using Homelab.Provider.Host;
using Homelab.Provider.Sanoid;

namespace Homelab.Provider.Tests.Sanoid;

/// <summary>
/// A provider killed with SIGKILL in the middle of a write (at the StateDirectory writer level:
/// terraform gives no hook to kill the provider at that instant, so the test reproduces what the
/// host-side shell then sees — part of the content on stdin, then end-of-file — and, separately,
/// kills a real writer shell with SIGKILL mid-stream). Either way the live file stays whole.
/// </summary>
[Trait(Tier.Name, Tier.Host)]
public sealed class StateWriteCrashTests : IDisposable
{
    private readonly TempDir _dir = new("hl-crash");

    public void Dispose() => _dir.Dispose();

    /// <summary>Delivers only the first half of stdin, as a writer that died half-way would.</summary>
    private sealed class DyingWriter(IHostConnection inner) : IHostConnection
    {
        public RemoteSettings Settings => inner.Settings;

        public Task<CommandResult> RunAsync(HostCommand command, CancellationToken cancellationToken) =>
            inner.RunAsync(command.Stdin is { Length: > 1 } s ? new HostCommand(command.Argv) { Stdin = s[..(s.Length / 2)] } : command, cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    [Fact]
    public async Task A_writer_that_dies_mid_content_leaves_the_old_file()
    {
        var settings = new RemoteSettings { Name = "local", StateDir = _dir.File("state") };
        var good = new Remote(new LocalConnection(settings));
        var old = string.Concat(Enumerable.Range(0, 2000).Select(i => $"[template_t{i}]\nhourly = {i}\n"));
        await good.StateDir.WriteFileAsync(SanoidConf.RelativePath, old, secret: false, CancellationToken.None);

        var dying = new Remote(new DyingWriter(new LocalConnection(settings)));
        var next = old.Replace("hourly", "daily", StringComparison.Ordinal);
        await Assert.ThrowsAsync<HostException>(() => dying.StateDir.WriteFileAsync(SanoidConf.RelativePath, next, secret: false, CancellationToken.None));

        Assert.Equal(old, File.ReadAllText(good.StateDir.PathOf(SanoidConf.RelativePath)));
        Assert.Equal(["sanoid.conf"], Directory.GetFiles(_dir.File("state/sanoid")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Sigkill_of_concurrent_writers_never_leaves_a_torn_file()
    {
        var settings = new RemoteSettings { Name = "local", StateDir = _dir.File("state") };
        var remote = new Remote(new LocalConnection(settings));
        string Version(char c) => new string(c, 400_000) + "\n";
        await remote.StateDir.WriteFileAsync("sanoid/sanoid.conf", Version('a'), secret: false, CancellationToken.None);
        var path = remote.StateDir.PathOf("sanoid/sanoid.conf");
        for (var round = 0; round < 10; round++)
        {
            // Cancellation kills the writer's process tree with SIGKILL at a random point of the stream.
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 40)));
            try
            {
                await remote.StateDir.WriteFileAsync("sanoid/sanoid.conf", Version((char)('b' + round)), secret: false, cts.Token);
            }
            catch (OperationCanceledException)
            {
            }
            catch (HostException)
            {
            }
            var content = File.ReadAllText(path);
            Assert.Equal(400_001, content.Length);
            Assert.Single(content.TrimEnd('\n').Distinct());
        }
    }
}
