using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Syncoid;
using Homelab.Provider.Units;

namespace Homelab.Provider.Tests.Syncoid;

/// <summary>
/// The syncoid unit files against hostile text: the description and schedule (UnitValue) and the
/// argv words (SystemdQuote) are either refused by the attribute's plan-time validator or written
/// and read back equal by <see cref="SyncoidUnitFiles.Parse"/>.
/// </summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class SyncoidUnitFilesHostileTextTests
{
    public static TheoryData<string> Hostile => new()
    {
        "a\nb", "a\rb", "a\0b", "a\tb", "a\u0085b", "a\u2028b", "a\u2029b", "\uFEFFa", "a\u202Eb",
        "a\\", "\\", "100%", "%n", "a # b", "a ; b", "a = b", "[a]", "\"quoted\"", "'single'", "$HOME $(id)", " a", "a ",
        "x\nOnFailure=", "päivä ☃",
    };

    private static SyncoidJob Job(string? description = null, string schedule = SyncoidUnitFiles.DefaultSchedule, string? exclude = null) => new()
    {
        Name = "replica",
        Description = description,
        Source = "rpool/data",
        Target = "backup/data",
        Recursive = exclude is not null,
        ExcludeDatasets = exclude is null ? [] : [exclude],
        Schedule = schedule,
    };

    private static bool Refused(string attribute, string text)
    {
        var attr = SyncoidJobSchema.Schema.Block.Attributes.Single(a => a.Name == attribute);
        var value = attr.Type.Kind == TypeKind.List ? TfValue.List(TfType.String, [TfValue.String(text)]) : TfValue.String(text);
        var d = new DiagnosticBag();
        foreach (var v in attr.Validators)
        {
            v.Validate(value, AttrPath.Attribute(attribute), d);
        }
        Assert.All(d, diag => Assert.StartsWith(attribute, diag.Path?.ToString() ?? "", StringComparison.Ordinal));
        return d.HasErrors;
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void A_description_is_refused_at_plan_or_read_back_equal(string text)
    {
        if (Refused("description", text))
        {
            Assert.NotNull(UnitValue.Problem(text));
            return;
        }
        var service = SyncoidUnitFiles.Service(Job(description: text), "/usr/sbin/syncoid", "/usr/bin");
        Assert.Contains("\nOnFailure=failure-notify@%n.service\n", service, StringComparison.Ordinal);
        Assert.Equal(text, SyncoidUnitFiles.Parse("replica", service, SyncoidUnitFiles.Timer(Job()))!.Description);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void A_schedule_is_refused_at_plan_or_read_back_equal(string text)
    {
        if (Refused("schedule", text))
        {
            return;
        }
        var timer = SyncoidUnitFiles.Timer(Job(schedule: text));
        Assert.Contains("\nPersistent=true\n", timer, StringComparison.Ordinal);
        Assert.Equal(text, SyncoidUnitFiles.Parse("replica", SyncoidUnitFiles.Service(Job(), "/usr/sbin/syncoid", "/usr/bin"), timer)!.Schedule);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void An_exclude_pattern_is_refused_at_plan_or_read_back_equal(string text)
    {
        if (Refused("exclude_datasets", text))
        {
            return;
        }
        var service = SyncoidUnitFiles.Service(Job(exclude: text), "/usr/sbin/syncoid", "/usr/bin");
        Assert.Equal([text], SyncoidUnitFiles.Parse("replica", service, SyncoidUnitFiles.Timer(Job()))!.ExcludeDatasets);
    }

    [Theory]
    [InlineData("rpool/data", true)]
    [InlineData("backup@nas.lan:tank/data", true)]
    [InlineData("_svc.backup@nas.lan:tank/data", true)]
    [InlineData("-oProxyCommand=touch@nas.lan:tank/data", false)]
    [InlineData("-l@nas.lan:tank/data", false)]
    [InlineData("user@-oProxyCommand=x:tank/data", false)]
    [InlineData("rpool/data\n", false)]
    public void Endpoint_users_and_hosts_never_start_with_a_dash(string endpoint, bool ok)
    {
        Assert.Equal(ok, SyncoidValues.CheckEndpoint(endpoint) is null);
    }
}
