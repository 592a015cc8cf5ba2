using Homelab.NixGen.Tests.TestKit;
using Homelab.Testing;
using System.Text;

namespace Homelab.NixGen.Tests.Scripts;

/// <summary>Runs the rendered failure-notify.sh under bash with real curl against a local ntfy stand-in.</summary>
[Trait(Tier.Name, Tier.Host)]
public sealed class FailureNotifyTests : IDisposable
{
    private const string Token = "tk_s3cr3t-token-never-in-argv";
    private readonly RenderedScripts _scripts = new();
    private readonly TempDir _state = new();
    private readonly FakeNtfyServer _ntfy = new();

    public void Dispose()
    {
        _ntfy.Dispose();
        _state.Dispose();
        _scripts.Dispose();
    }

    [Fact]
    public void Posts_the_alert_with_headers_token_and_a_bounded_body()
    {
        var tokenFile = _state.Write("secrets/ntfy-token", Token + "\n");
        _state.Write("ntfy/ops.env", $"""
            # written by homelab_ntfy_alert
            NTFY_URL={_ntfy.Url}/
            NTFY_TOPIC=homelab-alerts
            NTFY_PRIORITY=urgent
            NTFY_TAGS="warning,skull"
            NTFY_TITLE='{"{host}"}: {"{unit}"} is down'
            NTFY_CLICK=https://grafana.example/d/abc
            NTFY_MAX_BODY_BYTES=600
            NTFY_TOKEN_FILE={tokenFile}
            """);
        var bin = _state.Combine("bin");
        // systemd "is running": status and journal come from shims, the journal far over the limit
        // and full of multi-byte characters so truncation must respect UTF-8.
        RenderedScripts.Shim(bin, "systemctl", "echo \"● $*\"; echo '   Active: failed (Result: exit-code)'; exit 3");
        RenderedScripts.Shim(bin, "journalctl", "for i in $(seq 1 300); do echo \"line $i: grüße ✓ $*\"; done");

        var result = RunScript("restic-backups-b2.service", bin, systemdRunning: true);

        Assert.True(result.ExitCode == 0, result.ToString());
        var request = Assert.Single(_ntfy.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/homelab-alerts", request.Path);
        Assert.DoesNotContain("{host}", request.Headers["Title"], StringComparison.Ordinal);
        Assert.EndsWith(": restic-backups-b2.service is down", request.Headers["Title"], StringComparison.Ordinal);
        Assert.Equal("urgent", request.Headers["Priority"]);
        Assert.Equal("warning,skull", request.Headers["Tags"]);
        Assert.Equal("https://grafana.example/d/abc", request.Headers["Click"]);
        Assert.Equal($"Bearer {Token}", request.Headers["Authorization"]);
        Assert.InRange(request.Body.Length, 100, 600);
        var body = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(request.Body); // throws on a split character
        Assert.Contains("restic-backups-b2.service failed at", body, StringComparison.Ordinal);
        Assert.Contains("line 300: grüße ✓", body, StringComparison.Ordinal); // the newest journal lines are kept
        Assert.DoesNotContain("line 1: ", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_limit_is_3500_bytes()
    {
        _state.Write("ntfy/ops.env", $"NTFY_URL={_ntfy.Url}\nNTFY_TOPIC=t\n");
        var bin = _state.Combine("bin");
        RenderedScripts.Shim(bin, "systemctl", "echo status");
        RenderedScripts.Shim(bin, "journalctl", "for i in $(seq 1 2000); do echo \"journal line $i\"; done");

        var result = RunScript("sanoid.service", bin, systemdRunning: true);

        Assert.True(result.ExitCode == 0, result.ToString());
        var request = Assert.Single(_ntfy.Requests);
        Assert.InRange(request.Body.Length, 3000, 3500);
        Assert.Equal("high", request.Headers["Priority"]);
        Assert.Equal("warning", request.Headers["Tags"]);
        Assert.False(request.Headers.ContainsKey("Authorization"));
        Assert.False(request.Headers.ContainsKey("Click"));
    }

    [Fact]
    public void The_token_never_appears_on_the_curl_command_line()
    {
        var tokenFile = _state.Write("secrets/token", Token);
        _state.Write("ntfy/ops.env", $"NTFY_URL={_ntfy.Url}\nNTFY_TOPIC=alerts\nNTFY_TOKEN_FILE={tokenFile}\n");
        var bin = _state.Combine("bin");
        var argvLog = _state.Combine("curl-argv.log");
        var realCurl = ProcessRunner.Run("bash", "-c", "command -v curl").Stdout.Trim();
        RenderedScripts.Shim(bin, "curl", $"printf '%s\\n' \"$@\" >> '{argvLog}'\nexec '{realCurl}' \"$@\"");

        var result = RunScript("homelab-units.service", bin, systemdRunning: false);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"Bearer {Token}", Assert.Single(_ntfy.Requests).Headers["Authorization"]);
        var argv = File.ReadAllText(argvLog);
        Assert.Contains("/alerts", argv, StringComparison.Ordinal); // the shim really saw the call
        Assert.DoesNotContain(Token, argv, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Basic_auth_uses_user_and_password_file()
    {
        var passwordFile = _state.Write("secrets/pw", "hunter2\n");
        _state.Write("ntfy/ops.env", $"NTFY_URL={_ntfy.Url}\nNTFY_TOPIC=alerts\nNTFY_USER=alice\nNTFY_PASSWORD_FILE={passwordFile}\n");

        var result = RunScript("x.service", bin: null, systemdRunning: false);

        Assert.True(result.ExitCode == 0, result.ToString());
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:hunter2"));
        Assert.Equal(expected, Assert.Single(_ntfy.Requests).Headers["Authorization"]);
    }

    [Fact]
    public void Without_systemd_the_alert_is_still_sent_with_what_could_be_collected()
    {
        _state.Write("ntfy/ops.env", $"NTFY_URL={_ntfy.Url}\nNTFY_TOPIC=alerts\n");

        var result = RunScript("syncoid-rpool-home.service", bin: null, systemdRunning: false);

        Assert.True(result.ExitCode == 0, result.ToString());
        var body = Assert.Single(_ntfy.Requests).BodyText;
        Assert.Contains("syncoid-rpool-home.service failed at", body, StringComparison.Ordinal);
        Assert.Contains("systemd is not running here", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Targets_that_do_not_watch_the_unit_are_skipped()
    {
        _state.Write("ntfy/backups.env", $"NTFY_URL={_ntfy.Url}\nNTFY_TOPIC=backups\nNTFY_UNITS=\"restic-backups-b2 syncoid-x.service\"\n");
        _state.Write("ntfy/all.env", $"NTFY_URL={_ntfy.Url}\nNTFY_TOPIC=everything\n");

        Assert.Equal(0, RunScript("restic-backups-b2.service", null, false).ExitCode);
        Assert.Equal(0, RunScript("homelab-sanoid.service", null, false).ExitCode);

        var paths = _ntfy.Requests.Select(r => r.Path).ToList();
        Assert.Equal(1, paths.Count(p => p == "/backups"));
        Assert.Equal(2, paths.Count(p => p == "/everything"));
    }

    [Fact]
    public void Unit_patterns_select_the_providers_units_plus_named_host_units_and_never_glob_files()
    {
        // A file matching the pattern in the working directory must not be substituted for it.
        File.WriteAllText(_state.Combine("homelab-decoy"), "");
        _state.Write("ntfy/phone.env", $"NTFY_URL={_ntfy.Url}\nNTFY_TOPIC=phone\nNTFY_UNITS=\"homelab-* incus.service zfs-scrub\"\n");

        foreach (var unit in new[] { "homelab-restic-critical.service", "homelab-sanoid.service", "incus.service", "zfs-scrub.service", "sshd.service", "xhomelab-y.service" })
        {
            Assert.Equal(0, RunScript(unit, null, false, workingDirectory: _state.Path).ExitCode);
        }

        var titles = _ntfy.Requests.Select(r => r.Headers["Title"][(r.Headers["Title"].IndexOf(": ", StringComparison.Ordinal) + 2)..]).ToList();
        Assert.Equal(["homelab-restic-critical.service failed", "homelab-sanoid.service failed", "incus.service failed", "zfs-scrub.service failed"], titles);
    }

    [Fact]
    public void The_env_file_is_parsed_not_executed()
    {
        var marker = _state.Combine("pwned");
        _state.Write("ntfy/ops.env", $"NTFY_URL={_ntfy.Url}\nNTFY_TOPIC=alerts\nNTFY_TITLE=$(touch {marker})`touch {marker}`\ntouch {marker}\nNTFY_TAGS=a;touch {marker}\n");

        var result = RunScript("x.service", null, false);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.False(File.Exists(marker));
        var request = Assert.Single(_ntfy.Requests);
        Assert.Equal($"$(touch {marker})`touch {marker}`", request.Headers["Title"]);
        Assert.Equal($"a;touch {marker}", request.Headers["Tags"]);
    }

    [Fact]
    public void Fails_only_when_every_target_failed()
    {
        var down = new FakeNtfyServer();
        down.Dispose(); // its port is closed now: a target that is down
        _state.Write("ntfy/down.env", $"NTFY_URL={down.Url}\nNTFY_TOPIC=alerts\n");

        var allDown = RunScript("x.service", null, false);
        Assert.NotEqual(0, allDown.ExitCode);
        Assert.Contains("could not reach", allDown.Stderr, StringComparison.Ordinal);

        _state.Write("ntfy/up.env", $"NTFY_URL={_ntfy.Url}\nNTFY_TOPIC=alerts\n");
        var oneUp = RunScript("y.service", null, false); // another unit: x.service is inside its storm window

        Assert.True(oneUp.ExitCode == 0, oneUp.ToString());
        Assert.Single(_ntfy.Requests);
    }

    [Fact]
    public void No_targets_is_not_an_error()
    {
        var result = RunScript("x.service", null, false);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("nothing sent", result.Stderr, StringComparison.Ordinal);
    }

    private ProcessResult RunScript(string unit, string? bin, bool systemdRunning, string? workingDirectory = null)
    {
        var systemdDir = systemdRunning ? _state.Combine("fake-run-systemd") : _state.Combine("no-such-dir");
        if (systemdRunning)
        {
            Directory.CreateDirectory(systemdDir);
        }

        return ProcessRunner.Run("bash", [_scripts.PathOf("failure-notify.sh"), unit], workingDirectory, new Dictionary<string, string?>
        {
            ["HOMELAB_STATE_DIR"] = _state.Path,
            ["HOMELAB_SYSTEMD_RUNTIME_DIR"] = systemdDir,
            ["PATH"] = bin is null ? Environment.GetEnvironmentVariable("PATH")! : RenderedScripts.PathWith(bin),
        });
    }
}
