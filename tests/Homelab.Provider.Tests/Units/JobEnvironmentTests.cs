using Homelab.Provider.Restic;
using Homelab.Provider.Syncoid;
using Homelab.Provider.Units;

namespace Homelab.Provider.Tests.Units;

/// <summary>
/// Every job service the provider writes runs in UTC, in its [Service] section, so snapshot names
/// and retention buckets never jump at a DST change; and the syncoid unit still reads back.
/// </summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class JobEnvironmentTests
{
    private static readonly ResticJob Restic = new()
    {
        Name = "alpha",
        Repository = "/srv/repo",
        Paths = ["/srv/data"],
        Retention = new ResticRetention { Keep = [("--keep-daily", 7)] },
    };

    private static readonly SyncoidJob Syncoid = new()
    {
        Name = "replica",
        Source = "rpool/data",
        Target = "backup/data",
        Schedule = SyncoidUnitFiles.DefaultSchedule,
    };

    public static TheoryData<string> ResticServices => new()
    {
        "homelab-restic-alpha.service",
        "homelab-restic-alpha-forget.service",
    };

    [Theory]
    [MemberData(nameof(ResticServices))]
    public void Restic_services_run_in_UTC(string unit)
    {
        var service = new ResticUnits(Restic, rel => "/state/" + rel, "/bin/restic", "/bin/flock").Files().Single(f => f.Name == unit).Content;

        AssertUtcInService(service);
    }

    [Fact]
    public void The_syncoid_service_runs_in_UTC_and_still_reads_back()
    {
        var service = SyncoidUnitFiles.Service(Syncoid, "/usr/sbin/syncoid", "/usr/bin");

        AssertUtcInService(service);
        Assert.Equal(Syncoid.Target, SyncoidUnitFiles.Parse("replica", service, SyncoidUnitFiles.Timer(Syncoid))!.Target);
    }

    private static void AssertUtcInService(string unit)
    {
        var service = unit.IndexOf("[Service]\n", StringComparison.Ordinal);
        Assert.True(service >= 0, unit);
        Assert.Contains(JobEnvironment.TimeZoneLine, unit[service..], StringComparison.Ordinal);
        Assert.Equal(1, unit.Split('\n').Count(l => l.StartsWith("Environment=TZ=", StringComparison.Ordinal)));
    }
}
