using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Kit;
using Homelab.Provider.Units;

namespace Homelab.Provider.Tests.Units;

/// <summary>
/// <c>homelab_unit</c> in process: the <c>systemctl show</c> parser on output as systemd 252–256
/// prints it (no systemd runs on the test machines, so the text is realistic, not live), the
/// state built from it for services, timers and a host without systemd, the success file, and
/// the <c>name</c> rule against hostile names.
/// </summary>
[Trait(Tier.Name, Tier.Unit)]
public sealed class UnitDataSourceTests
{
    // `TZ=UTC systemctl show --property=… -- homelab-restic-offsite.service` after a failed run.
    private const string FailedService = """
        Id=homelab-restic-offsite.service
        LoadState=loaded
        ActiveState=failed
        SubState=failed
        Result=exit-code
        ExecMainStatus=3
        ExecMainExitTimestamp=Thu 2026-12-03 03:15:42 UTC
        ActiveEnterTimestamp=Wed 2026-12-02 03:15:07 UTC
        InactiveEnterTimestamp=Thu 2026-12-03 03:15:42 UTC

        """;

    // The same call for the timer (systemd prints a service's LastTriggerUSec nowhere, a timer's always).
    private const string Timer = """
        Id=homelab-restic-offsite.timer
        LoadState=loaded
        ActiveState=active
        SubState=waiting
        Result=success
        ActiveEnterTimestamp=Mon 2026-11-30 08:00:01 UTC
        InactiveEnterTimestamp=
        LastTriggerUSec=Thu 2026-12-03 03:15:00.123456 UTC
        NextElapseUSecRealtime=Fri 2026-12-04 03:15:00 UTC
        Unit=homelab-restic-offsite.service

        """;

    private static TfValue Config(string name) => TfValue.Object(UnitDataSourceSchema.Schema.ImpliedType,
        UnitDataSourceSchema.Schema.Block.Attributes.Select(a => KeyValuePair.Create(a.Name, a.Name == "name" ? TfValue.String(name) : TfValue.Null(a.Type))));

    [Fact]
    public void A_failed_service_reports_its_states_exit_status_and_utc_times()
    {
        var diags = new DiagnosticBag();
        var state = UnitDataSource.Summarise(Config("homelab-restic-offsite.service"), "homelab-restic-offsite.service",
            SystemctlShow.Parse(FailedService), DateTimeOffset.Parse("2026-12-01T03:16:00Z", System.Globalization.CultureInfo.InvariantCulture), diags);

        Assert.Empty(diags);
        Assert.Equal(TfValue.True, state["systemd_running"]);
        Assert.Equal("loaded", state.GetString("load_state").Value);
        Assert.Equal("failed", state.GetString("active_state").Value);
        Assert.Equal("failed", state.GetString("sub_state").Value);
        Assert.Equal("exit-code", state.GetString("result").Value);
        Assert.Equal(3, state.GetInt64("exit_status").Value);
        Assert.Equal("2026-12-02T03:15:07Z", state.GetString("active_enter_time").Value);
        Assert.Equal("2026-12-03T03:15:42Z", state.GetString("inactive_enter_time").Value);
        Assert.True(state["last_trigger"].IsNull);
        Assert.True(state["next_elapse"].IsNull);
        Assert.Equal("2026-12-01T03:16:00Z", state.GetString("last_success").Value);
    }

    [Fact]
    public void A_timer_reports_its_last_and_next_elapse_and_no_exit_status()
    {
        var diags = new DiagnosticBag();
        var properties = SystemctlShow.Parse(Timer);
        var state = UnitDataSource.Summarise(Config("homelab-restic-offsite.timer"), "homelab-restic-offsite.timer", properties, null, diags);

        Assert.Empty(diags);
        Assert.Equal("waiting", state.GetString("sub_state").Value);
        Assert.Equal("2026-12-03T03:15:00Z", state.GetString("last_trigger").Value);
        Assert.Equal("2026-12-04T03:15:00Z", state.GetString("next_elapse").Value);
        Assert.Equal("2026-11-30T08:00:01Z", state.GetString("active_enter_time").Value);
        Assert.True(state["inactive_enter_time"].IsNull); // empty: never
        Assert.True(state["exit_status"].IsNull);
        Assert.True(state["last_success"].IsNull);
        Assert.Equal("homelab-restic-offsite.service", UnitDataSource.SuccessUnit("homelab-restic-offsite.timer", properties));
    }

    [Fact]
    public void A_service_that_never_ran_has_no_exit_status_and_never_times()
    {
        const string neverRan = """
            LoadState=loaded
            ActiveState=inactive
            SubState=dead
            Result=success
            ExecMainStatus=0
            ExecMainExitTimestamp=n/a
            ActiveEnterTimestamp=n/a
            InactiveEnterTimestamp=
            """;
        var diags = new DiagnosticBag();
        var state = UnitDataSource.Summarise(Config("x.service"), "x.service", SystemctlShow.Parse(neverRan), null, diags);

        Assert.Empty(diags);
        Assert.Equal("inactive", state.GetString("active_state").Value);
        Assert.True(state["exit_status"].IsNull);
        Assert.True(state["active_enter_time"].IsNull);
        Assert.True(state["inactive_enter_time"].IsNull);
    }

    [Fact]
    public void A_unit_systemd_does_not_know_is_not_found_not_an_error()
    {
        var state = UnitDataSource.Summarise(Config("nope.service"), "nope.service",
            SystemctlShow.Parse("Id=nope.service\nLoadState=not-found\nActiveState=inactive\nSubState=dead\nResult=success\nExecMainStatus=0\nExecMainExitTimestamp=\n"), null, new DiagnosticBag());

        Assert.Equal("not-found", state.GetString("load_state").Value);
        Assert.True(state["exit_status"].IsNull);
    }

    [Fact]
    public void Without_systemd_every_systemd_attribute_is_null_and_only_last_success_is_known()
    {
        var diags = new DiagnosticBag();
        var state = UnitDataSource.Summarise(Config("homelab-syncoid-replica.timer"), "homelab-syncoid-replica.timer", null,
            DateTimeOffset.Parse("2026-12-03T12:00:00+01:00", System.Globalization.CultureInfo.InvariantCulture), diags);

        Assert.Equal(TfValue.False, state["systemd_running"]);
        foreach (var attribute in new[] { "load_state", "active_state", "sub_state", "result", "exit_status", "last_trigger", "next_elapse", "active_enter_time", "inactive_enter_time" })
        {
            Assert.True(state[attribute].IsNull, attribute);
        }
        Assert.Equal("2026-12-03T11:00:00Z", state.GetString("last_success").Value);
        // Without systemd a timer's service is the one of the same name (systemd's default).
        Assert.Equal("homelab-syncoid-replica.service", UnitDataSource.SuccessUnit("homelab-syncoid-replica.timer", null));
        Assert.Equal("a.service", UnitDataSource.SuccessUnit("a.service", null));
    }

    [Fact]
    public void A_timer_starting_another_unit_reads_that_units_success_file()
    {
        Assert.Equal("backup-all.service", UnitDataSource.SuccessUnit("nightly.timer", SystemctlShow.Parse("Unit=backup-all.service\n")));
        // A Unit= that is no safe file name falls back to the default rather than reading elsewhere.
        Assert.Equal("nightly.service", UnitDataSource.SuccessUnit("nightly.timer", SystemctlShow.Parse("Unit=../../etc/passwd\n")));
    }

    [Fact]
    public void A_timestamp_in_another_zone_is_a_warning_and_null_never_a_guess()
    {
        var diags = new DiagnosticBag();
        var state = UnitDataSource.Summarise(Config("t.timer"), "t.timer",
            SystemctlShow.Parse("LoadState=loaded\nLastTriggerUSec=Thu 2026-12-03 13:00:00 CET\n"), null, diags);

        Assert.True(state["last_trigger"].IsNull);
        var warning = Assert.Single(diags);
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Contains("LastTriggerUSec=Thu 2026-12-03 13:00:00 CET", warning.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Thu 2026-12-03 12:00:00 UTC", "2026-12-03T12:00:00Z")]
    [InlineData("Thu 2026-12-03 12:00:00.999999 UTC", "2026-12-03T12:00:00Z")]
    [InlineData("2026-12-03 12:00:00 UTC", "2026-12-03T12:00:00Z")]
    [InlineData("Thu 2026-12-03 13:30:00 +01:30", "2026-12-03T12:00:00Z")]
    [InlineData("Wed 2026-12-02 23:00:00 -0100", "2026-12-03T00:00:00Z")]
    [InlineData("  Thu 2026-12-03 12:00:00 UTC  ", "2026-12-03T12:00:00Z")]
    public void Systemctl_timestamps_become_rfc3339_utc(string text, string expected)
    {
        Assert.True(SystemctlShow.TryParseTimestamp(text, out var time));
        Assert.Equal(expected, Rfc3339.Format(time!.Value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("n/a")]
    [InlineData("0")]
    [InlineData(null)]
    public void Never_is_null(string? text)
    {
        Assert.True(SystemctlShow.TryParseTimestamp(text, out var time));
        Assert.Null(time);
    }

    [Theory]
    [InlineData("Thu 2026-12-03 13:00:00 CET")]
    [InlineData("Thu 2026-12-03 12:00:00")]
    [InlineData("Thu 2026-13-03 12:00:00 UTC")]
    [InlineData("Thu 2026-12-03 12:00:00 UTC\nExtra=1")]
    [InlineData("infinity")]
    [InlineData("1733227200")]
    public void Anything_else_is_refused(string text) =>
        Assert.False(SystemctlShow.TryParseTimestamp(text, out _));

    [Fact]
    public void The_call_is_one_argv_with_the_name_after_double_dash()
    {
        var argv = SystemctlShow.Arguments("homelab-restic-x.timer");
        Assert.Equal("show", argv[0]);
        Assert.StartsWith("--property=Id,LoadState,", argv[1], StringComparison.Ordinal);
        Assert.Equal(["--", "homelab-restic-x.timer"], argv.Skip(2));
    }

    [Fact]
    public void The_parser_splits_at_the_first_equals_and_ignores_other_lines()
    {
        var p = SystemctlShow.Parse("Result=success\r\nDescription=a=b\ngarbage\n=x\n");
        Assert.Equal("success", p["Result"]);
        Assert.Equal("a=b", p["Description"]);
        Assert.Equal(2, p.Count);
    }

    [Theory]
    [InlineData("2026-12-03T12:00:00Z\n", "2026-12-03T12:00:00Z")]
    [InlineData("2026-12-03T12:00:00.123456789Z", "2026-12-03T12:00:00Z")]
    [InlineData("2026-12-03t14:00:00+02:00\n", "2026-12-03T12:00:00Z")]
    public void Success_files_are_read_as_utc(string content, string expected) =>
        Assert.Equal(expected, Rfc3339.Format(SuccessFile.Parse(content)!.Value));

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2026-12-03 12:00:00")]
    [InlineData("2026-12-03T12:00:00")]
    [InlineData("2026-12-03T12:00:00Z\n2026-12-04T12:00:00Z")]
    [InlineData("2026-02-30T12:00:00Z")]
    public void Success_files_with_anything_else_are_unreadable(string content) => Assert.Null(SuccessFile.Parse(content));

    [Theory]
    [InlineData("homelab-restic-offsite.service")]
    [InlineData("homelab-syncoid-replica.timer")]
    [InlineData("zfs-scrub@tank.timer")]
    [InlineData("getty@tty1.service")]
    [InlineData("systemd-tmpfiles-clean.timer")]
    [InlineData("a:b_c.d.service")]
    public void Unit_names_are_accepted(string name) => Assert.Empty(Validate(name));

    [Theory]
    [InlineData("homelab-restic-offsite")]
    [InlineData("sshd.socket")]
    [InlineData("x.service\n")]
    [InlineData("x.service\nrm -rf /")]
    [InlineData("x.service; reboot")]
    [InlineData("$(reboot).service")]
    [InlineData("../../etc/passwd.service")]
    [InlineData("a/b.service")]
    [InlineData("-x.service")]
    [InlineData(".x.service")]
    [InlineData("x@.service")]
    [InlineData("@x.service")]
    [InlineData("a@b@c.service")]
    [InlineData(@"dev-disk-by\x2duuid.service")]
    [InlineData("x .service")]
    [InlineData("x.service ")]
    [InlineData("x\u2028.service")]
    [InlineData("x\u202E.service")]
    [InlineData("")]
    public void Hostile_or_invalid_names_are_refused(string name)
    {
        var error = Assert.Single(Validate(name));
        Assert.Equal(Severity.Error, error.Severity);
        Assert.Equal(AttrPath.Attribute("name"), error.Path);
    }

    [Fact]
    public void Names_longer_than_a_status_file_allows_are_refused()
    {
        Assert.Empty(Validate(new string('a', 239) + ".service"));
        Assert.Single(Validate(new string('a', 240) + ".service"));
    }

    private static DiagnosticBag Validate(string name)
    {
        var diags = new DiagnosticBag();
        var attribute = UnitDataSourceSchema.Schema.Block.Attributes.Single(a => a.Name == "name");
        foreach (var validator in attribute.Validators)
        {
            validator.Validate(TfValue.String(name), AttrPath.Attribute("name"), diags);
        }
        return diags;
    }
}
