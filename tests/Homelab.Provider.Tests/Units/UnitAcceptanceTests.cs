using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Homelab.Provider.Tests.Units;

/// <summary>
/// <c>homelab_unit</c> through the real terraform binary and the published provider. The test
/// machines run no systemd (no <c>/run/systemd/system</c>), so this covers what a container or CI
/// host gets: <c>systemd_running = false</c>, every systemd attribute null, a warning that says so,
/// and <c>last_success</c> read from a real status file under the state dir — for a timer, the file
/// of its service. Invalid and hostile names are refused on <c>name</c> before any host is asked.
/// </summary>
[Trait(Tier.Name, Tier.Acceptance)]
public sealed partial class UnitAcceptanceTests : IDisposable
{
    private readonly HostFixture _host = new("hl-unit");

    public void Dispose() => _host.Dispose();

    /// <summary>Whether this machine runs systemd (the provider's own test, so the expectations follow it).</summary>
    private static bool SystemdRuns => Directory.Exists("/run/systemd/system");

    private static string Example => File.ReadAllText(RepositoryRoot.Combine("examples", "data-sources", "homelab_unit", "data-source.tf"));

    private void WriteSuccess(string unit, string content)
    {
        Directory.CreateDirectory(_host.State("status"));
        File.WriteAllText(_host.State($"status/{unit}.success"), content);
    }

    private static string Utc(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [Fact]
    public void The_published_example_reads_last_success_from_status_files_and_says_plainly_that_systemd_is_not_running()
    {
        var now = DateTimeOffset.UtcNow;
        var offsite = Utc(now.AddHours(-1));
        // The foundation writes UTC with a Z; an offset is read too and returned in UTC.
        WriteSuccess("homelab-restic-offsite.service", offsite + "\n");
        var replicaLocal = now.AddHours(-2).ToOffset(TimeSpan.FromHours(2));
        WriteSuccess("homelab-syncoid-replica.service", replicaLocal.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) + "\n");
        var ws = _host.Workspace;
        ws.WriteConfig(Example + """

            data "homelab_unit" "never" {
              name = "homelab-restic-never.service"
            }

            data "homelab_unit" "service" {
              name   = "homelab-restic-offsite.service"
              remote = "local"
            }

            output "never" { value = data.homelab_unit.never }
            output "service" { value = data.homelab_unit.service }
            """);

        var applied = ws.Run("apply", "-auto-approve", "-input=false", "-no-color");
        Assert.True(applied.ExitCode == 0, applied.Output);
        Assert.DoesNotContain("Check block assertion failed", applied.Output, StringComparison.Ordinal);
        var output = TerraformText.Flat(applied.Output);

        using var outputs = JsonDocument.Parse(ws.Run("output", "-json").Stdout);
        var timer = outputs.RootElement.GetProperty("replica_timer").GetProperty("value");
        var service = outputs.RootElement.GetProperty("service").GetProperty("value");
        var never = outputs.RootElement.GetProperty("never").GetProperty("value");
        // The timer's last success is its service's file, normalised to UTC.
        Assert.Equal(Utc(replicaLocal), timer.GetProperty("last_success").GetString());
        Assert.Equal(offsite, service.GetProperty("last_success").GetString());
        Assert.Equal(JsonValueKind.Null, never.GetProperty("last_success").ValueKind);
        Assert.Equal(SystemdRuns, service.GetProperty("systemd_running").GetBoolean());
        Assert.Equal(SystemdRuns, timer.GetProperty("systemd_running").GetBoolean());
        if (SystemdRuns)
        {
            Assert.Equal("not-found", never.GetProperty("load_state").GetString());
            return;
        }
        Assert.Contains("Warning: systemd is not running", output, StringComparison.Ordinal);
        Assert.Contains("systemd is not running on remote \"local\" (/run/systemd/system does not exist), so nothing is known about the state of homelab-restic-offsite.service", output, StringComparison.Ordinal);
        Assert.Contains("Only `last_success` is known", output, StringComparison.Ordinal);
        foreach (var attribute in new[] { "load_state", "active_state", "sub_state", "result", "exit_status", "last_trigger", "next_elapse", "active_enter_time", "inactive_enter_time" })
        {
            Assert.Equal(JsonValueKind.Null, service.GetProperty(attribute).ValueKind);
            Assert.Equal(JsonValueKind.Null, never.GetProperty(attribute).ValueKind);
        }
        Assert.Equal(JsonValueKind.Null, timer.GetProperty("active_state").ValueKind);
        Assert.Equal(JsonValueKind.Null, timer.GetProperty("next_elapse").ValueKind);
    }

    [Fact]
    public void A_check_block_warns_when_the_last_success_is_older_than_its_bound_or_missing()
    {
        WriteSuccess("homelab-restic-offsite.service", Utc(DateTimeOffset.UtcNow.AddHours(-30)) + "\n");
        var ws = _host.Workspace;
        ws.WriteConfig(Example);
        var stale = ws.Plan();
        Assert.True(stale.ExitCode == 0, stale.Output);
        Assert.Contains("Warning: Check block assertion failed", stale.Output, StringComparison.Ordinal);
        Assert.Contains("The offsite backup has not succeeded in the last 26 hours.", stale.Output, StringComparison.Ordinal);

        File.Delete(_host.State("status/homelab-restic-offsite.service.success"));
        var missing = ws.Plan();
        Assert.True(missing.ExitCode == 0, missing.Output);
        Assert.Contains("The offsite backup has not succeeded in the last 26 hours.", missing.Output, StringComparison.Ordinal);

        WriteSuccess("homelab-restic-offsite.service", Utc(DateTimeOffset.UtcNow.AddMinutes(-5)) + "\n");
        var fresh = ws.Plan();
        Assert.True(fresh.ExitCode == 0, fresh.Output);
        Assert.DoesNotContain("The offsite backup has not succeeded", fresh.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("homelab-restic-offsite")]
    [InlineData("x.service; touch /tmp/hl-unit-pwned")]
    [InlineData("$(touch /tmp/hl-unit-pwned).service")]
    [InlineData("../../etc/passwd.service")]
    [InlineData("-H.service")]
    public void An_invalid_or_hostile_name_is_refused_on_name(string name)
    {
        File.Delete("/tmp/hl-unit-pwned");
        var ws = _host.Workspace;
        var quoted = name.Replace("$", "$$", StringComparison.Ordinal);
        ws.WriteConfig($$"""
            data "homelab_unit" "bad" {
              name = "{{quoted}}"
            }
            """);
        var failed = ws.Plan();
        Assert.NotEqual(0, failed.ExitCode);
        var output = TerraformText.Flat(failed.Output);
        Assert.Contains("Error: Invalid value", output, StringComparison.Ordinal);
        Assert.Contains("A full unit name ending in `.service` or `.timer`", output, StringComparison.Ordinal);
        // Terraform prints the configuration line of the attribute the diagnostic names.
        Assert.Contains(TerraformText.Flat($"name = \"{quoted}\""), output, StringComparison.Ordinal);
        Assert.False(File.Exists("/tmp/hl-unit-pwned"));
    }
}
