using System.Text;
using Homelab.Provider.Host;
using Homelab.Provider.Units;

namespace Homelab.Provider.Tests.Ntfy;

/// <summary>
/// The failure path end to end: terraform applies two alerts and a real <c>homelab_restic_job</c>;
/// the job's repository then goes missing and its backup unit's commands (as the provider wrote
/// them into <c>&lt;state&gt;/units</c>) run for real and fail; then nixgen's
/// <c>failure-notify.sh</c> runs as <c>failure-notify@&lt;unit&gt;</c> would (<c>%i</c> = the unit
/// name) and the fake ntfy server must receive the alert.
/// systemd does not run on the test machines, so <c>systemctl</c> and <c>journalctl</c> are shims
/// that print what systemd would have recorded (the failed command's real stderr plus older noise).
/// </summary>
[Trait(Tier.Name, Tier.Acceptance)]
public sealed class NtfyFailurePathTests : IDisposable
{
    private const string Token = "tk_failurePathT0kenNeverInArgv777";
    private const string Unit = "homelab-restic-critical.service";
    private readonly NtfyTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private string Repository => Path.Combine(_host.Root, "repository");

    /// <summary>
    /// "pager" watches the provider's units (token auth, small body limit); "incus-only" only incus.service;
    /// "critical" is a restic job with a local repository.
    /// </summary>
    private void ApplyAlerts()
    {
        Directory.CreateDirectory(Path.Combine(_host.Root, "source"));
        File.WriteAllText(Path.Combine(_host.Root, "source", "data.txt"), "precious");
        _host.Workspace.WriteConfig($$"""
            resource "homelab_restic_job" "critical" {
              name                = "critical"
              repository          = "{{Repository}}"
              password_wo         = "restic-password"
              password_wo_version = 1
              paths               = ["{{_host.Root}}/source"]
            }

            resource "homelab_ntfy_alert" "pager" {
              name             = "pager"
              url              = "{{_host.Server.Url}}"
              topic            = "homelab-pager"
              token_wo         = "{{Token}}"
              token_wo_version = 1
              priority         = "max"
              tags             = ["rotating_light", "floppy_disk"]
              max_body_bytes   = 600
            }

            resource "homelab_ntfy_alert" "incus_only" {
              name      = "incus-only"
              url       = "{{_host.Server.Url}}"
              topic     = "homelab-incus"
              priority  = "default"
              units     = ["incus.service"]
              send_test = false

              watch_provider_units = false
            }
            """);
        _host.Workspace.Apply();
    }

    [Fact]
    public async Task A_failed_unit_alerts_the_watching_target_with_headers_auth_and_a_body_within_the_limit()
    {
        ApplyAlerts();
        Assert.Single(_host.Server.Requests); // the test message of "pager"; "incus-only" has send_test = false
        var stderr = await RunFailingUnitAsync();
        Assert.Contains("Is there a repository", stderr, StringComparison.Ordinal);
        FakeSystemd(stderr);

        var notify = RunFailureNotify(Unit);

        Assert.True(notify.ExitCode == 0, notify.ToString());
        var alert = Assert.Single(_host.Server.Requests.Skip(1));
        var host = File.ReadAllText("/proc/sys/kernel/hostname").Trim();
        Assert.Equal("POST", alert.Method);
        Assert.Equal("/homelab-pager", alert.Path);
        Assert.Equal($"{host}: {Unit} failed", alert.Header("Title"));
        Assert.Equal("max", alert.Header("Priority"));
        Assert.Equal("rotating_light,floppy_disk", alert.Header("Tags"));
        Assert.Equal("Bearer " + Token, alert.Header("Authorization"));

        // Within max_body_bytes, valid UTF-8, first line kept, newest lines (the real error) kept.
        Assert.InRange(alert.Body.Length, 1, 600);
        var body = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(alert.Body);
        Assert.StartsWith($"{host}: {Unit} failed at ", body, StringComparison.Ordinal);
        Assert.Contains("Is there a repository at the following location?", body, StringComparison.Ordinal);
        Assert.Contains("earlier lines cut", body, StringComparison.Ordinal);
        Assert.DoesNotContain("old noise 1 ", body, StringComparison.Ordinal);

        Assert.Contains("pager.env: alert for " + Unit + " sent", notify.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, _host.CurlArgv, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, notify.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_unit_failure_reaches_the_target_that_watches_it_through_its_drop_in()
    {
        ApplyAlerts();
        FakeSystemd(await RunFailingUnitAsync());
        var dropIn = File.ReadAllText(_host.State("units/incus.service.d/homelab-incus-only.conf"));
        Assert.Contains("OnFailure=failure-notify@%n.service", dropIn, StringComparison.Ordinal);

        // incus.service reaches only the target that lists it: "pager" watches the provider's units.
        Assert.Equal(0, RunFailureNotify("incus.service").ExitCode);
        var alert = Assert.Single(_host.Server.Requests.Skip(1));
        Assert.Equal("/homelab-incus", alert.Path);
        Assert.Equal("default", alert.Header("Priority"));
        Assert.EndsWith(": incus.service failed", alert.Header("Title"), StringComparison.Ordinal);

        // A unit nobody watches alerts nobody, and that is not an error.
        var none = RunFailureNotify("sshd.service");
        Assert.Equal(0, none.ExitCode);
        Assert.Contains("watches sshd.service; nothing sent", none.Stderr, StringComparison.Ordinal);
        Assert.Single(_host.Server.Requests.Skip(1));
    }

    [Fact]
    public async Task When_ntfy_is_down_the_notifier_retries_spools_the_alert_and_fails()
    {
        ApplyAlerts();
        FakeSystemd(await RunFailingUnitAsync());
        _host.Server.Dispose();

        var notify = RunFailureNotify(Unit);

        Assert.Equal(1, notify.ExitCode);
        Assert.Contains("could not reach", notify.Stderr, StringComparison.Ordinal);
        Assert.Contains("the alert for " + Unit + " is spooled", notify.Stderr, StringComparison.Ordinal); // delivered later by failure-notify --retry
    }

    /// <summary>
    /// Removes the job's repository, then runs the backup unit's commands the way systemd would
    /// (ExecStartPre, ExecStart, ExecStartPost; the first failure fails the unit). Returns the output.
    /// </summary>
    private async Task<string> RunFailingUnitAsync()
    {
        var remote = Remote.For(new RemoteSettings { Name = "local", StateDir = _host.StateDir });
        var service = await new SystemdUnits(remote).ReadAsync(Unit, CancellationToken.None);
        Assert.NotNull(service);
        Assert.Contains("OnFailure=failure-notify@%n.service", service, StringComparison.Ordinal);
        Directory.Delete(Repository, recursive: true);
        var run = _host.RunUnit(Unit, _host.Root);
        Assert.True(run.ExitCode != 0, "The backup unit succeeded although its repository is gone:\n" + run);
        return run.Output;
    }

    /// <summary>A systemd "runtime dir" plus systemctl/journalctl shims that print the unit's record.</summary>
    private void FakeSystemd(string failedStderr)
    {
        var run = _host.SystemdRuntimeDir;
        Directory.CreateDirectory(run);
        var journal = new StringBuilder();
        for (var i = 1; i <= 80; i++)
        {
            journal.Append(FormattableString.Invariant($"2026-11-25T17:{i % 60:00}:00+0000 host restic[4242]: old noise {i} ünïcödé ✓ padding padding padding\n"));
        }
        foreach (var line in failedStderr.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            journal.Append("2026-11-25T18:00:00+0000 host restic[4243]: ").Append(line).Append('\n');
        }
        journal.Append($"2026-11-25T18:00:00+0000 host systemd[1]: {Unit}: Main process exited, code=exited, status=1/FAILURE\n");
        File.WriteAllText(Path.Combine(_host.Root, "journal.txt"), journal.ToString());
        _host.WriteShim("journalctl", $"#!/bin/sh\ncat '{Path.Combine(_host.Root, "journal.txt")}'");
        _host.WriteShim("systemctl", "#!/bin/sh\nfor u; do :; done\nprintf '× %s\\n     Active: failed (Result: exit-code)\\n' \"$u\"\nexit 3");
    }

    private ProcessResult RunFailureNotify(string unit) => _host.RunFailureNotify(unit);
}
