using System.Text;

namespace Homelab.Provider.Tests.Ntfy;

/// <summary>
/// <c>token_file</c> and <c>password_file</c> through real terraform, the published provider, the
/// host's curl, the foundation's <c>failure-notify.sh</c> and the fake ntfy server: the env file
/// names the user's file (as sops-nix or agenix would place it), the test message and the alerts
/// authenticate with its content, the secret appears in no state, argv or output, and neither
/// apply nor destroy ever touches the file.
/// </summary>
[Trait(Tier.Name, Tier.Acceptance)]
public sealed class NtfySecretFileAcceptanceTests : IDisposable
{
    private const string Token = "tk_fromSopsNixNeverInArgvOrState42";
    private const string Unit = "homelab-syncoid-replica.service";
    private readonly NtfyTestHost _host = new();

    public NtfySecretFileAcceptanceTests()
    {
        Directory.CreateDirectory(Secrets);
    }

    public void Dispose() => _host.Dispose();

    /// <summary>Stands for /run/secrets: outside the state dir, written by someone else.</summary>
    private string Secrets => Path.Combine(_host.Root, "run-secrets");

    private string TokenFile => Path.Combine(Secrets, "ntfy-token");

    private string TokenConfig(string? tokenFile = null) => $$"""
        resource "homelab_ntfy_alert" "phone" {
          name       = "phone"
          url        = "{{_host.Server.Url}}"
          topic      = "homelab-alerts"
          token_file = "{{tokenFile ?? TokenFile}}"
        }
        """;

    [Fact]
    public void A_token_file_is_named_by_the_env_file_used_by_the_test_message_and_failure_notify_and_survives_destroy()
    {
        // sops-nix writes the value as given, often with a trailing newline.
        File.WriteAllText(TokenFile, Token + "\n");
        File.SetUnixFileMode(TokenFile, UnixFileMode.UserRead);
        var ws = _host.Workspace;
        ws.WriteConfig(TokenConfig());
        var apply = ws.Apply();

        var test = Assert.Single(_host.Server.Requests);
        Assert.Equal("/homelab-alerts", test.Path);
        Assert.Equal("Bearer " + Token, test.Header("Authorization"));
        Assert.Equal("Test alert: phone", test.Header("Title"));

        var env = File.ReadAllText(_host.State("ntfy/phone.env"));
        Assert.Contains($"NTFY_TOKEN_FILE=\"{TokenFile}\"\n", env, StringComparison.Ordinal);
        Assert.Equal(["ntfy/phone.env"], _host.StateFiles());
        Assert.Equal(TokenFile, ws.ResourceValues("homelab_ntfy_alert.phone")!.Value.GetProperty("token_file").GetString());

        // The alert of a failed unit carries the file's token.
        var notify = _host.RunFailureNotify(Unit);
        Assert.True(notify.ExitCode == 0, notify.ToString());
        var alert = Assert.Single(_host.Server.Requests.Skip(1));
        Assert.Equal("Bearer " + Token, alert.Header("Authorization"));
        Assert.EndsWith($": {Unit} failed", alert.Header("Title"), StringComparison.Ordinal);

        // A rotated file is used by the next alert without an apply.
        File.SetUnixFileMode(TokenFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(TokenFile, "tk_rotatedBySopsNix");
        Assert.Equal(0, _host.RunFailureNotify(Unit).ExitCode);
        Assert.Equal("Bearer tk_rotatedBySopsNix", _host.Server.Requests[^1].Header("Authorization"));
        File.WriteAllText(TokenFile, Token + "\n");

        foreach (var text in new[] { ws.StateFileText, _host.CurlArgv, apply.Output, notify.Output })
        {
            Assert.DoesNotContain(Token, text, StringComparison.Ordinal);
        }

        // Import reads token_file back from the env file.
        Assert.Equal(0, ws.Run("state", "rm", "homelab_ntfy_alert.phone").ExitCode);
        ws.Import("homelab_ntfy_alert.phone", "phone");

        // Destroy removes what the provider wrote, never the user's file.
        ws.Destroy();
        Assert.Empty(_host.StateFiles());
        Assert.Equal(Token + "\n", File.ReadAllText(TokenFile));
    }

    [Fact]
    public void Switching_from_token_wo_to_token_file_removes_only_the_providers_own_token()
    {
        File.WriteAllText(TokenFile, Token);
        var ws = _host.Workspace;
        ws.WriteConfig($$"""
            resource "homelab_ntfy_alert" "phone" {
              name             = "phone"
              url              = "{{_host.Server.Url}}"
              topic            = "homelab-alerts"
              token_wo         = "tk_writeOnlyFirst"
              token_wo_version = 1
            }
            """);
        ws.Apply();
        Assert.Equal(["ntfy/phone.env", "ntfy/phone.token"], _host.StateFiles());

        ws.WriteConfig(TokenConfig());
        var plan = ws.PlanExpectChanges();
        Assert.Contains("update in-place", plan.Stdout, StringComparison.Ordinal);
        ws.Apply();
        // A new credential is a new target: the test message is sent again, with the file's token.
        Assert.Equal(2, _host.Server.Requests.Count);
        Assert.Equal("Bearer " + Token, _host.Server.Requests[^1].Header("Authorization"));
        Assert.Equal(["ntfy/phone.env"], _host.StateFiles());
        Assert.Equal(Token, File.ReadAllText(TokenFile));
    }

    [Fact]
    public void A_password_file_authenticates_the_test_message_and_the_alerts_with_basic_auth()
    {
        var passwordFile = Path.Combine(Secrets, "ntfy password");
        File.WriteAllText(passwordFile, "pa ss:w\"ord $(id)\n");
        var ws = _host.Workspace;
        ws.WriteConfig($$"""
            resource "homelab_ntfy_alert" "ops" {
              name          = "ops"
              url           = "{{_host.Server.Url}}"
              topic         = "ops"
              username      = "homelab"
              password_file = "{{passwordFile}}"
            }
            """);
        var apply = ws.Apply();
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("homelab:pa ss:w\"ord $(id)"));
        Assert.Equal(expected, Assert.Single(_host.Server.Requests).Header("Authorization"));
        var env = File.ReadAllText(_host.State("ntfy/ops.env"));
        Assert.Contains($"NTFY_USER=\"homelab\"\nNTFY_PASSWORD_FILE=\"{passwordFile}\"\n", env, StringComparison.Ordinal);
        Assert.Equal(["ntfy/ops.env"], _host.StateFiles());

        Assert.Equal(0, _host.RunFailureNotify(Unit).ExitCode);
        Assert.Equal(expected, _host.Server.Requests[^1].Header("Authorization"));
        foreach (var text in new[] { ws.StateFileText, _host.CurlArgv, apply.Output })
        {
            Assert.DoesNotContain("pa ss:w", text, StringComparison.Ordinal);
            Assert.DoesNotContain(expected[6..], text, StringComparison.Ordinal);
        }

        ws.Destroy();
        Assert.Empty(_host.StateFiles());
        Assert.Equal("pa ss:w\"ord $(id)\n", File.ReadAllText(passwordFile));
    }

    [Fact]
    public void A_missing_file_or_one_inside_the_state_dir_is_refused_at_plan_naming_the_path()
    {
        var missing = Path.Combine(Secrets, "not-deployed-yet");
        _host.Workspace.WriteConfig(TokenConfig(missing));
        var plan = _host.Workspace.Plan();
        Assert.Equal(1, plan.ExitCode);
        Assert.Contains("Error: Secret file not usable", plan.Stderr, StringComparison.Ordinal);
        Assert.Contains(missing + " does not exist on remote \"local\"", plan.Stderr.Replace("\n", " ", StringComparison.Ordinal).Replace("│ ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("token_file", plan.Stderr, StringComparison.Ordinal);

        // A file the provider itself would write (and remove) is never the user's.
        Directory.CreateDirectory(_host.State("ntfy"));
        File.WriteAllText(_host.State("ntfy/phone.token"), Token);
        _host.Workspace.WriteConfig(TokenConfig(_host.State("ntfy/phone.token")));
        var inside = _host.Workspace.Plan();
        Assert.Equal(1, inside.ExitCode);
        Assert.Contains("is inside the state dir", inside.Stderr, StringComparison.Ordinal);

        Assert.Equal(["ntfy/phone.token"], _host.StateFiles());
        Assert.Empty(_host.Server.Requests);
        Assert.Equal("", _host.CurlArgv);
    }
}
