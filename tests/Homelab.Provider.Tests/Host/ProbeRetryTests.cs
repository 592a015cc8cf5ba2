using Homelab.Provider.Host;
using Homelab.Provider.Sanoid;
using Homelab.Provider.Syncoid;

namespace Homelab.Provider.Tests.Host;

/// <summary>
/// A failed host probe is not cached for the whole process (issue 11): the next call probes
/// again. Hand-written flaky connection; every probe that is cached goes through
/// <see cref="OnceSucceeded{T}"/>.
/// </summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class ProbeRetryTests
{
    /// <summary>Fails its first <c>failures</c> commands as an unreachable host would, then answers from the script.</summary>
    private sealed class FlakyConnection(int failures, Func<HostCommand, string> answer, RemoteSettings? settings = null) : IHostConnection
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public RemoteSettings Settings { get; } = settings ?? new RemoteSettings { Name = "lab" };

        public Task<CommandResult> RunAsync(HostCommand command, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _calls) <= failures
                ? throw new HostException("SSH connection failed", "Connection refused (the host is rebooting).")
                : Task.FromResult(new CommandResult(command, 0, answer(command), ""));

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private static string ProbeAnswer(HostCommand c) =>
        c.Argv[0] == "/bin/sh" ? "syncoid\t/usr/sbin/syncoid\nzfs\t/usr/sbin/zfs\nsanoid\t/usr/sbin/sanoid\n"
        : c.Argv[^1] == "--help" ? "--no-privilege-elevation --sendoptions\n"
        : "";

    [Fact]
    public async Task OnceSucceeded_retries_after_a_failure_and_then_keeps_the_value()
    {
        var loads = 0;
        var once = new OnceSucceeded<int>(async () =>
        {
            await Task.Yield();
            return ++loads == 1 ? throw new HostException("down", "host down") : loads;
        });
        await Assert.ThrowsAsync<HostException>(() => once.GetAsync(CancellationToken.None));
        Assert.Equal(2, await once.GetAsync(CancellationToken.None));
        Assert.Equal(2, await once.GetAsync(CancellationToken.None));
        Assert.Equal(2, loads);
    }

    [Fact]
    public async Task Syncoid_capabilities_are_probed_again_after_the_host_was_unreachable()
    {
        var connection = new FlakyConnection(1, ProbeAnswer);
        var remote = new Remote(connection);

        await Assert.ThrowsAsync<HostException>(() => SyncoidHost.ForAsync(remote, CancellationToken.None));
        var host = await SyncoidHost.ForAsync(remote, CancellationToken.None);

        Assert.Equal("/usr/sbin/syncoid", host.SyncoidPath);
        Assert.True(host.Supports("--sendoptions"));
    }

    [Fact]
    public async Task Sanoid_defaults_are_looked_up_again_after_a_failed_lookup()
    {
        var connection = new FlakyConnection(1, c => c.Argv[0] == "/bin/sh" && c.Argv.Count > 2 && c.Argv[2].Contains("sanoid.defaults.conf", StringComparison.Ordinal)
            ? "/etc/sanoid/sanoid.defaults.conf\n[template_default]\nhourly = 48\n"
            : ProbeAnswer(c),
            new RemoteSettings { Name = "lab", Tools = new Dictionary<string, string>(StringComparer.Ordinal) { ["sanoid"] = "/usr/sbin/sanoid" } });
        var defaults = SanoidDefaults.For(new Remote(connection));

        await Assert.ThrowsAsync<HostException>(() => defaults.KeysAsync(CancellationToken.None));
        Assert.Contains("hourly", await defaults.KeysAsync(CancellationToken.None));
        Assert.Equal("/etc/sanoid/sanoid.defaults.conf", await defaults.PathAsync(CancellationToken.None));
        Assert.Equal(2, connection.Calls);
    }

    [Fact]
    public async Task Tool_discovery_is_retried_after_a_failure()
    {
        var connection = new FlakyConnection(1, ProbeAnswer);
        var tools = new ToolPaths(connection);
        await Assert.ThrowsAsync<HostException>(() => tools.GetAsync("zfs", CancellationToken.None));
        Assert.Equal("/usr/sbin/zfs", await tools.GetAsync("zfs", CancellationToken.None));
        Assert.Equal("/usr/sbin/syncoid", await tools.GetAsync("syncoid", CancellationToken.None));
        Assert.Equal(2, connection.Calls);
    }
}
