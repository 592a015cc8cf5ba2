using Homelab.Provider.Tests.Ntfy;
using Homelab.Provider.Tests.TestKit;

namespace Homelab.Provider.Tests.Host;

/// <summary>
/// Host settings through the real terraform and the published provider (issue 11): <c>~</c> in a
/// remote's key and known_hosts paths (against the real sshd), <c>HOMELAB_*</c> defaults
/// validated like their attributes, and host commands that never see tofu's environment.
/// </summary>
[Trait(Tier.Name, Tier.Acceptance)]
public sealed class HostSettingsAcceptanceTests(Sshd sshd) : IClassFixture<Sshd>, IDisposable
{
    private readonly NtfyTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private string Alert(bool sendTest, string remote = "") => $$"""
        resource "homelab_ntfy_alert" "phone" {
          name      = "phone"
          url       = "{{_host.Server.Url}}"
          topic     = "alerts"
          send_test = {{(sendTest ? "true" : "false")}}
          {{remote}}
        }
        """;

    [Fact]
    public void Tilde_in_private_key_file_and_known_hosts_file_is_the_home_of_the_user_running_terraform()
    {
        var home = Path.Combine(_host.Root, "home");
        Directory.CreateDirectory(Path.Combine(home, ".ssh"));
        File.Copy(sshd.ClientKeyFile, Path.Combine(home, ".ssh", "id_lab"));
        File.Copy(sshd.KnownHostsFile, Path.Combine(home, ".ssh", "known_hosts"));
        var remoteState = Path.Combine(_host.Root, "remote-state");
        var ws = _host.Workspace;
        ws.Environment["HOME"] = home;
        ws.WriteConfig($$"""
            provider "homelab" {
              remote {
                name             = "lab"
                address          = "{{sshd.Address}}"
                private_key_file = "~/.ssh/id_lab"
                known_hosts_file = "~/.ssh/known_hosts"
                state_dir        = "{{remoteState}}"
              }
            }
            """ + "\n" + Alert(sendTest: false, remote: "remote = \"lab\""));

        ws.Apply();

        Assert.Contains("NTFY_TOPIC=\"alerts\"", File.ReadAllText(Path.Combine(remoteState, "ntfy", "phone.env")), StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_HOMELAB_defaults_are_errors_naming_the_variable_and_nothing_reaches_the_host()
    {
        var ws = _host.Workspace;
        ws.Environment["HOMELAB_STATE_DIR"] = "relative/state";
        ws.Environment["HOMELAB_COMMAND_TIMEOUT"] = "5m";
        ws.WriteConfig(Alert(sendTest: true));

        var apply = ws.ApplyExpectError();

        Assert.Contains("Error: Invalid HOMELAB_STATE_DIR", apply.Output, StringComparison.Ordinal);
        Assert.Contains("Error: Invalid HOMELAB_COMMAND_TIMEOUT", apply.Output, StringComparison.Ordinal);
        Assert.Empty(_host.Server.Requests);
        Assert.False(Directory.Exists(Path.Combine(ws.Directory, "relative")));
    }

    [Fact]
    public void Host_commands_never_see_the_operators_secrets_from_the_terraform_environment()
    {
        var envLog = Path.Combine(_host.Root, "curl-env.log");
        _host.WriteShim("curl", $"""
            #!/bin/sh
            env > '{envLog}'
            exec /usr/bin/curl "$@"
            """);
        var ws = _host.Workspace;
        ws.Environment["AWS_SECRET_ACCESS_KEY"] = "aws-s3cret-never-on-the-host";
        ws.Environment["RESTIC_PASSWORD"] = "restic-s3cret-never-on-the-host";
        ws.Environment["TF_VAR_api_token"] = "tfvar-s3cret-never-on-the-host";
        ws.WriteConfig(Alert(sendTest: true));

        ws.Apply();

        Assert.Single(_host.Server.Requests);
        var seen = File.ReadAllText(envLog);
        Assert.DoesNotContain("s3cret", seen, StringComparison.Ordinal);
        Assert.DoesNotContain("TF_", seen, StringComparison.Ordinal);
        Assert.Contains($"PATH={_host.Path}\n", seen, StringComparison.Ordinal);
        Assert.Contains("LC_ALL=C\n", seen, StringComparison.Ordinal);
    }
}
