using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Restic;
using Homelab.Provider.Syncoid;
using Homelab.Provider.Units;

namespace Homelab.Provider.Tests.Units;

/// <summary>
/// The health lines every generated service carries (docs/design/health.md) and the <c>max_age</c>
/// grammar: rendered once, read back equal, refused at plan when out of grammar or bounds.
/// </summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class ServiceHealthTests
{
    private static IEnumerable<string> UnitSection(string service) =>
        service.Split('\n').SkipWhile(l => l != "[Unit]").Skip(1).TakeWhile(l => !l.StartsWith('['));

    [Fact]
    public void Every_restic_and_syncoid_service_carries_OnFailure_and_OnSuccess_in_its_Unit_section()
    {
        var restic = new ResticJob
        {
            Name = "alpha",
            Repository = "/srv/repo",
            Paths = ["/srv/data"],
            Retention = new ResticRetention { Keep = [("--keep-last", 3)] },
        };
        var services = new ResticUnits(restic, rel => "/state/" + rel, "/bin/restic", "/bin/flock").Files()
            .Where(f => f.Name.EndsWith(".service", StringComparison.Ordinal)).Select(f => f.Content).ToList();
        Assert.Equal(3, services.Count);
        services.Add(SyncoidUnitFiles.Service(new SyncoidJob { Name = "replica", Source = "tank/a", Target = "backup/a" }, "/bin/syncoid", "/bin"));
        foreach (var service in services)
        {
            var unit = UnitSection(service).ToList();
            Assert.Contains("OnFailure=failure-notify@%n.service", unit);
            Assert.Contains("OnSuccess=success-notify@%n.service", unit);
            Assert.DoesNotContain(service.Split('\n'), l => l.StartsWith("X-HomelabMaxAgeSec", StringComparison.Ordinal));
            Assert.Null(ServiceHealth.MaxAgeSeconds(service));
        }
    }

    [Fact]
    public void Max_age_is_on_the_restic_backup_service_only_and_on_the_syncoid_service()
    {
        var restic = new ResticJob
        {
            Name = "alpha",
            Repository = "/srv/repo",
            Paths = ["/srv/data"],
            Retention = new ResticRetention { Keep = [("--keep-last", 3)] },
            MaxAge = "1d 12h",
        };
        var files = new ResticUnits(restic, rel => "/state/" + rel, "/bin/restic", "/bin/flock").Files().ToDictionary(f => f.Name, f => f.Content);
        Assert.Contains("X-HomelabMaxAgeSec=129600", UnitSection(files["homelab-restic-alpha.service"]));
        Assert.Equal(129600, ServiceHealth.MaxAgeSeconds(files["homelab-restic-alpha.service"]));
        Assert.Null(ServiceHealth.MaxAgeSeconds(files["homelab-restic-alpha-forget.service"]));
        Assert.Null(ServiceHealth.MaxAgeSeconds(files["homelab-restic-alpha-check.service"]));

        var job = new SyncoidJob { Name = "replica", Source = "tank/a", Target = "backup/a", MaxAge = "120m" };
        var service = SyncoidUnitFiles.Service(job, "/bin/syncoid", "/bin");
        Assert.Equal(["# max_age: 120m", "X-HomelabMaxAgeSec=7200"], UnitSection(service).SkipWhile(l => !l.StartsWith("# max_age", StringComparison.Ordinal)).Take(2));
        // Read back from the file as written (import sees only the host).
        Assert.Equal("120m", SyncoidUnitFiles.Parse("replica", service, null)!.MaxAge);
    }

    [Theory]
    [InlineData("# max_age: 120m\nX-HomelabMaxAgeSec=7200\n", "120m")]
    [InlineData("X-HomelabMaxAgeSec=7200\n", "2h")]
    [InlineData("# max_age: 120m\nX-HomelabMaxAgeSec=60\n", "1m")]
    [InlineData("# max_age: 1d 12h\nX-HomelabMaxAgeSec=129600\n", "1d 12h")]
    [InlineData("# max_age: 2h; rm\nX-HomelabMaxAgeSec=7200\n", "2h")]
    [InlineData("# max_age: 120m\n", null)]
    public void The_written_text_is_read_back_while_it_means_the_seconds_else_their_shortest_spelling(string unitLines, string? expected) =>
        Assert.Equal(expected, ServiceHealth.MaxAgeOf("[Unit]\nDescription=x\n" + unitLines + "\n[Service]\nType=oneshot\n"));

    [Theory]
    [InlineData("[Unit]\nX-HomelabMaxAgeSec=60\n", 60L)]
    [InlineData("[Unit]\nX-HomelabMaxAgeSec=60\nX-HomelabMaxAgeSec=7200\n", 7200L)]
    [InlineData("[Unit]\nX-HomelabMaxAgeSec=2h\n", null)]
    [InlineData("[Unit]\nX-HomelabMaxAgeSec=-5\n", null)]
    [InlineData("[Unit]\nX-HomelabMaxAgeSec=0\n", null)]
    [InlineData("[Unit]\n[Service]\nX-HomelabMaxAgeSec=60\n", null)]
    [InlineData("[Unit]\nX-HomelabMaxAgeSecX=60\n", null)]
    public void Max_age_is_read_from_the_Unit_section_only_and_only_as_a_positive_number(string service, long? expected) =>
        Assert.Equal(expected, ServiceHealth.MaxAgeSeconds(service));

    public static TheoryData<string, long> Valid => new()
    {
        { "2h", 7200 },
        { "120m", 7200 },
        { "90min", 5400 },
        { "36h", 129600 },
        { "1d", 86400 },
        { "1d 12h", 129600 },
        { "1d12h", 129600 },
        { "1 day", 86400 },
        { "2 weeks", 1209600 },
        { "1h 30min 15s", 5415 },
        { "60s", 60 },
        { "366d", 366 * 86400 },
        { "52w", 52 * 604800 },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Valid_spans_are_whole_seconds_and_format_round_trips(string text, long seconds)
    {
        Assert.Null(MaxAge.Problem(text));
        Assert.Equal(seconds, MaxAge.Seconds(text));
        Assert.Equal(seconds, MaxAge.Seconds(MaxAge.Format(seconds)));
        Assert.Empty(Validate(text));
    }

    public static TheoryData<string> Invalid => new()
    {
        "", "2", "2 h ", " 2h", "2h\n", "2h\r\n", "2H", "-2h", "0h", "59s", "1ms", "1us", "3month", "1y", "1.5h", "2h;rm -rf /",
        "367d", "53w", "2h\u2028", "\uFEFF2h", "2\u00A0h", "１h", "999999999w", "2hours and 3min", "h", new string('1', 65) + "s",
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_spans_are_refused_at_plan_on_the_attribute(string text)
    {
        Assert.NotNull(MaxAge.Problem(text));
        Assert.Null(MaxAge.Parse(text) is { } s && s is >= MaxAge.MinSeconds and <= MaxAge.MaxSeconds ? "accepted" : null);
        Assert.Throws<ArgumentException>(() => MaxAge.Seconds(text));
        var d = Assert.Single(Validate(text));
        Assert.Equal("Invalid max_age", d.Summary);
        Assert.Equal("max_age", d.Path!.ToString());
    }

    [Theory]
    [InlineData(7200L, "2h")]
    [InlineData(5400L, "90m")]
    [InlineData(129600L, "36h")]
    [InlineData(86400L, "1d")]
    [InlineData(604800L, "7d")]
    [InlineData(61L, "61s")]
    public void Format_uses_the_largest_unit_that_divides_the_span(long seconds, string text) => Assert.Equal(text, MaxAge.Format(seconds));

    [Fact]
    public void State_keeps_the_users_spelling_while_it_means_the_same_span()
    {
        Assert.Equal("120m", MaxAge.ForState("120m", "2h"));
        Assert.Equal("2h", MaxAge.ForState(null, "2h"));
        Assert.Equal("3h", MaxAge.ForState("120m", "3h"));
        Assert.Equal("2h", MaxAge.ForState("garbage", "2h"));
        Assert.Equal("1m", MaxAge.ForState("garbage", "1m"));
        Assert.Null(MaxAge.ForState("120m", null));
    }

    private static DiagnosticBag Validate(string text)
    {
        var d = new DiagnosticBag();
        MaxAge.Validator.Validate(TfValue.String(text), AttrPath.Attribute("max_age"), d);
        return d;
    }
}
