using System.Globalization;
using System.Text.RegularExpressions;
using Homelab.Provider.Host;
using Homelab.Provider.Tests.TestKit;
using Homelab.Provider.Zfs;

namespace Homelab.Provider.Tests.Zfs;

/// <summary>
/// <see cref="ZpoolReader"/> against real zpool (zfs-fuse): two zpool processes per read once
/// zpool's lack of <c>-p</c> is known (the first read pays for finding out), scrub times in UTC
/// whatever the operator's <c>TZ</c>, and null for a pool that does not exist.
/// </summary>
[Trait(Tier.Name, Tier.Host)]
public sealed partial class ZpoolReaderHostTests : IDisposable
{
    private readonly ZfsPool _pool = new();

    public void Dispose() => _pool.Dispose();

    /// <summary>A local remote whose commands are counted, run with the operator's <c>TZ</c> set to <paramref name="tz"/>.</summary>
    private static (Remote Remote, CountingConnection Counting) Local(string tz)
    {
        var zpool = ProcessRunner.Check("sh", "-c", "command -v zpool").Trim();
        var settings = new RemoteSettings
        {
            Name = "local",
            Tools = new Dictionary<string, string>(StringComparer.Ordinal) { ["zpool"] = zpool },
        };
        var counting = new CountingConnection(new LocalConnection(settings, name => name == "TZ" ? tz : Environment.GetEnvironmentVariable(name)));
        return (new Remote(counting), counting);
    }

    [Fact]
    public async Task A_read_costs_two_zpool_processes_once_the_missing_p_option_is_known()
    {
        var (remote, counting) = Local("UTC");
        await using var _ = remote;
        var reader = ZpoolReader.For(remote);
        var first = await reader.ReadAsync(_pool.Name, CancellationToken.None);
        Assert.NotNull(first);
        var firstCount = counting.All;
        // OpenZFS answers -p at once (2); zfs-fuse refuses it once per command (4).
        var literal = ProcessRunner.Run("zpool", "list", "-H", "-p", "-o", "name", _pool.Name).ExitCode == 0;
        Assert.Equal(literal ? 2 : 4, firstCount);
        var second = await reader.ReadAsync(_pool.Name, CancellationToken.None);
        Assert.Equal(2, counting.All - firstCount);
        Assert.Equal(first!.Usage, second!.Usage);
        Assert.Equal("ONLINE", second.Usage.Health);
        Assert.Equal(_pool.File, Assert.Single(second.Status.Vdevs).Name);
    }

    [Fact]
    public async Task Scrub_times_are_UTC_whatever_the_operators_time_zone()
    {
        ProcessRunner.Check("zpool", "scrub", _pool.Name);
        for (var i = 0; i < 100 && !ScrubEnded().IsMatch(ProcessRunner.Check("zpool", "status", _pool.Name)); i++)
        {
            await Task.Delay(100);
        }
        // POSIX TZ for 14 hours ahead of UTC: a local time read as UTC would be far from now.
        var (remote, _) = Local("KIR-14");
        await using var _r = remote;
        var reading = await ZpoolReader.For(remote).ReadAsync(_pool.Name, CancellationToken.None);
        var end = reading!.Status.Scrub.EndTime ?? throw new InvalidOperationException("no scrub end time");
        Assert.InRange(end, DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal("finished", reading.Status.Scrub.State);
        Assert.Equal(0, reading.Status.Scrub.Errors);
        // The operator's zone really differs: the same command without TZ=UTC0 prints another hour.
        var local = ProcessRunner.Run("zpool", ["status", _pool.Name], environment: new Dictionary<string, string?> { ["TZ"] = "KIR-14" });
        var printed = ZpoolStatus.Parse(local.Stdout).Scrub.EndTime;
        Assert.Equal(TimeSpan.FromHours(14), printed - end);
    }

    [Fact]
    public async Task A_missing_pool_reads_as_null()
    {
        var (remote, _) = Local("UTC");
        await using var _r = remote;
        Assert.Null(await ZpoolReader.For(remote).ReadAsync("hltmissing" + Guid.NewGuid().ToString("N")[..8], CancellationToken.None));
    }

    [GeneratedRegex("scrub (completed|repaired)")]
    private static partial Regex ScrubEnded();
}
