using System.Text;

namespace Homelab.Provider.Tests.Ntfy;

/// <summary>
/// <c>homelab_ntfy_alert</c> through real terraform, the published provider, the host's real curl
/// and a fake ntfy server: create (test message with auth), files and modes, drop-ins, no secret
/// in state or argv, target change, drift, import, destroy.
/// </summary>
[Trait(Tier.Name, Tier.Acceptance)]
public sealed class NtfyAlertLifecycleTests : IDisposable
{
    private const string Token = "tk_s3cr3tT0kenNeverInArgv0123456";
    private const string NewToken = "tk_r0tatedT0kenAlsoNeverInArgv99";
    private readonly NtfyTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private string Config(string topic = "homelab-alerts", string token = Token, int tokenVersion = 1) => $$"""
        resource "homelab_ntfy_alert" "phone" {
          name             = "phone"
          url              = "{{_host.Server.Url}}"
          topic            = "{{topic}}"
          token_wo         = "{{token}}"
          token_wo_version = {{tokenVersion}}
          priority         = "urgent"
          tags             = ["rotating_light", "backup"]
          click            = "https://wiki.example.net/runbooks/backups"
          title            = "{host}: {unit} broke"
          units            = ["homelab-restic-offsite", "incus.service"]
        }
        """;

    [Fact]
    public void Create_publishes_a_test_message_with_the_token_and_writes_0600_files_and_drop_ins()
    {
        var ws = _host.Workspace;
        ws.WriteConfig(Config());
        var apply = ws.Apply();

        var test = Assert.Single(_host.Server.Requests);
        Assert.Equal("POST", test.Method);
        Assert.Equal("/homelab-alerts", test.Path);
        Assert.Equal("Bearer " + Token, test.Header("Authorization"));
        Assert.Equal("Test alert: phone", test.Header("Title"));
        Assert.Equal("urgent", test.Header("Priority"));
        Assert.Equal("rotating_light,backup", test.Header("Tags"));
        Assert.Equal("https://wiki.example.net/runbooks/backups", test.Header("Click"));
        Assert.Contains("homelab_ntfy_alert \"phone\"", test.BodyText, StringComparison.Ordinal);

        var env = File.ReadAllText(_host.State("ntfy/phone.env"));
        Assert.Contains($"NTFY_URL=\"{_host.Server.Url}\"\n", env, StringComparison.Ordinal);
        Assert.Contains("NTFY_TOPIC=\"homelab-alerts\"\n", env, StringComparison.Ordinal);
        Assert.Contains("NTFY_TITLE=\"{host}: {unit} broke\"\n", env, StringComparison.Ordinal);
        Assert.Contains($"NTFY_TOKEN_FILE=\"{_host.State("ntfy/phone.token")}\"\n", env, StringComparison.Ordinal);
        Assert.Contains("NTFY_UNITS=\"homelab-* homelab-restic-offsite incus.service\"\n", env, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, env, StringComparison.Ordinal);
        Assert.Equal(Token, File.ReadAllText(_host.State("ntfy/phone.token")));
        foreach (var secretish in new[] { "ntfy/phone.env", "ntfy/phone.token" })
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_host.State(secretish)));
        }

        // A drop-in for the host unit only; the provider's own units carry OnFailure already.
        Assert.Equal(
            ["ntfy/phone.env", "ntfy/phone.token", "units/incus.service.d/homelab-phone.conf"],
            _host.StateFiles());
        Assert.Contains("\n[Unit]\nOnFailure=failure-notify@%n.service\n", File.ReadAllText(_host.State("units/incus.service.d/homelab-phone.conf")), StringComparison.Ordinal);

        // systemd does not run here: the provider says so instead of failing.
        Assert.Contains("OnFailure drop-ins written but not loaded", apply.Output, StringComparison.Ordinal);

        // The token is nowhere but in the 0600 file: not in state, argv, or terraform's output.
        Assert.DoesNotContain(Token, ws.StateFileText, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, _host.CurlArgv, StringComparison.Ordinal);
        Assert.Contains("--config\n-\n", _host.CurlArgv, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, apply.Output, StringComparison.Ordinal);
        var values = ws.ResourceValues("homelab_ntfy_alert.phone")!.Value;
        Assert.Equal("local:phone", values.GetProperty("id").GetString());
        Assert.Equal("local", values.GetProperty("remote").GetString());
        Assert.Equal(3500, values.GetProperty("max_body_bytes").GetInt32());
    }

    [Fact]
    public void Changing_the_target_sends_a_new_test_message_and_an_unchanged_apply_sends_none()
    {
        var ws = _host.Workspace;
        ws.WriteConfig(Config());
        ws.Apply();
        ws.Apply();
        Assert.Single(_host.Server.Requests);

        ws.WriteConfig(Config(topic: "homelab-pager"));
        ws.Apply();
        Assert.Equal("/homelab-pager", _host.Server.Requests[^1].Path);

        // A new token only takes effect with a new version; then it is written and tested.
        ws.WriteConfig(Config(topic: "homelab-pager", token: NewToken, tokenVersion: 2));
        ws.Apply();
        Assert.Equal(3, _host.Server.Requests.Count);
        Assert.Equal("Bearer " + NewToken, _host.Server.Requests[^1].Header("Authorization"));
        Assert.Equal(NewToken, File.ReadAllText(_host.State("ntfy/phone.token")));
        Assert.DoesNotContain(NewToken, ws.StateFileText, StringComparison.Ordinal);
        Assert.DoesNotContain(NewToken, _host.CurlArgv, StringComparison.Ordinal);
    }

    [Fact]
    public void Drift_on_the_host_is_planned_back_and_repaired()
    {
        var ws = _host.Workspace;
        ws.WriteConfig(Config());
        ws.Apply();

        File.Delete(_host.State("units/incus.service.d/homelab-phone.conf"));
        File.Delete(_host.State("ntfy/phone.token"));
        File.WriteAllText(_host.State("ntfy/phone.env"), File.ReadAllText(_host.State("ntfy/phone.env")).Replace("\"urgent\"", "\"low\"", StringComparison.Ordinal));
        var plan = ws.PlanExpectChanges();
        Assert.Contains("\"low\" -> \"urgent\"", plan.Stdout, StringComparison.Ordinal);
        Assert.Contains("token_wo_version", plan.Stdout, StringComparison.Ordinal);
        Assert.Contains("incus.service", plan.Stdout, StringComparison.Ordinal);

        ws.Apply();
        Assert.Equal(Token, File.ReadAllText(_host.State("ntfy/phone.token")));
        Assert.True(File.Exists(_host.State("units/incus.service.d/homelab-phone.conf")));
        Assert.Contains("NTFY_PRIORITY=\"urgent\"", File.ReadAllText(_host.State("ntfy/phone.env")), StringComparison.Ordinal);

        // Unwatching a host unit removes its drop-in.
        ws.WriteConfig(Config().Replace("[\"homelab-restic-offsite\", \"incus.service\"]", "[\"homelab-restic-offsite\"]", StringComparison.Ordinal));
        ws.Apply();
        Assert.Equal(["ntfy/phone.env", "ntfy/phone.token"], _host.StateFiles());
        Assert.Contains("NTFY_UNITS=\"homelab-* homelab-restic-offsite\"\n", File.ReadAllText(_host.State("ntfy/phone.env")), StringComparison.Ordinal);
    }

    [Fact]
    public void Import_rebuilds_the_resource_from_the_host_and_destroy_removes_every_file()
    {
        var ws = _host.Workspace;
        ws.WriteConfig(Config());
        ws.Apply();
        Assert.Equal(0, ws.Run("state", "rm", "homelab_ntfy_alert.phone").ExitCode);

        ws.Import("homelab_ntfy_alert.phone", "phone");
        var values = ws.ResourceValues("homelab_ntfy_alert.phone")!.Value;
        Assert.Equal("urgent", values.GetProperty("priority").GetString());
        Assert.Equal(1, values.GetProperty("token_wo_version").GetInt32());
        Assert.Equal(2, values.GetProperty("units").GetArrayLength());

        Assert.Equal(0, ws.Run("state", "rm", "homelab_ntfy_alert.phone").ExitCode);
        ws.Import("homelab_ntfy_alert.phone", "local:phone");
        var bad = ws.Run("import", "-no-color", "homelab_ntfy_alert.other", "nowhere:phone");
        Assert.NotEqual(0, bad.ExitCode);

        ws.Destroy();
        Assert.Empty(_host.StateFiles());
        Assert.Single(_host.Server.Requests);
    }

    [Fact]
    public void A_refused_test_message_fails_the_apply_says_why_and_is_retried_by_the_next_apply()
    {
        var ws = _host.Workspace;
        _host.Server.StatusCode = 403;
        ws.WriteConfig(Config());
        var result = ws.ApplyExpectError();
        Assert.Contains("Test message not delivered", result.Output, StringComparison.Ordinal);
        Assert.Contains("403", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, result.Output, StringComparison.Ordinal);
        Assert.Equal("Bearer " + Token, Assert.Single(_host.Server.Requests).Header("Authorization"));

        // Fixed server, then an update whose test fails: the failure must not vanish from the next plan.
        _host.Server.StatusCode = 200;
        ws.Apply();
        Assert.Equal(2, _host.Server.Requests.Count);
        _host.Server.StatusCode = 500;
        ws.WriteConfig(Config(topic: "homelab-pager"));
        Assert.Contains("Test message not delivered", ws.ApplyExpectError().Output, StringComparison.Ordinal);
        Assert.Contains("send_test", ws.PlanExpectChanges().Stdout, StringComparison.Ordinal);
        _host.Server.StatusCode = 200;
        ws.Apply();
        Assert.Equal(6, _host.Server.Requests.Count); // curl retried the 500 twice (--retry 2), then one success
        Assert.Equal(4, _host.Server.Requests.Count(r => r.Path == "/homelab-pager"));
        Assert.Equal("/homelab-pager", _host.Server.Requests[^1].Path);
    }

    [Fact]
    public void Basic_auth_sends_the_user_and_password_and_stores_neither_password_nor_header()
    {
        _host.Workspace.WriteConfig($$"""
            resource "homelab_ntfy_alert" "ops" {
              name                = "ops"
              url                 = "{{_host.Server.Url}}/"
              topic               = "ops"
              username            = "homelab"
              password_wo         = "pa ss:w\"ord"
              password_wo_version = 1
            }
            """);
        _host.Workspace.Apply();
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("homelab:pa ss:w\"ord"));
        var test = Assert.Single(_host.Server.Requests);
        Assert.Equal("/ops", test.Path);
        Assert.Equal(expected, test.Header("Authorization"));
        Assert.Equal("high", test.Header("Priority"));
        Assert.Equal("warning", test.Header("Tags"));
        Assert.DoesNotContain("pa ss:w", _host.Workspace.StateFileText, StringComparison.Ordinal);
        Assert.DoesNotContain("pa ss:w", _host.CurlArgv, StringComparison.Ordinal);
        Assert.DoesNotContain(expected[6..], _host.CurlArgv, StringComparison.Ordinal);
        Assert.DoesNotContain(expected[6..], _host.Workspace.StateFileText, StringComparison.Ordinal);
        Assert.Equal(["ntfy/ops.env", "ntfy/ops.password"], _host.StateFiles());
    }
}
