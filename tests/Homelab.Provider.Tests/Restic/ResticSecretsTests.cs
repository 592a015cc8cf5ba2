using System.Text;

namespace Homelab.Provider.Tests.Restic;

/// <summary>
/// Secrets never reach argv, logs or state: the provider runs under <c>strace -f</c> (a wrapper
/// in the dev_overrides directory), so the argv of every process it starts — restic, the state-dir
/// scripts, systemctl — is recorded; that record, terraform's output with the provider's trace
/// log, the state file and the unit files are scanned for the password and the credentials.
/// </summary>
[Trait(Tier.Name, Tier.Acceptance)]
public sealed class ResticSecretsTests : IDisposable
{
    private const string Password = "pw-Zq8!never-in-argv-7731";
    private const string NewPassword = "pw-rotated-Xk2-never-either-5519";
    private const string Credential = "b2key-K005aBcDeFnEvErInArGv";
    private readonly TempDir _dir = new("hl-restic-secrets");
    private readonly ResticTestHost _host;

    public ResticSecretsTests()
    {
        var providerDir = Path.Combine(_dir.Path, "provider");
        Directory.CreateDirectory(TraceDir);
        Executable.Write(Path.Combine(providerDir, "terraform-provider-homelab"), $"""
            #!/bin/sh
            exec strace -f -qq -e trace=execve -s 1000000 -ff -o '{TraceDir}/exec' '{Path.Combine(ProviderBuild.Homelab, "terraform-provider-homelab")}' "$@"

            """);
        _host = new ResticTestHost(providerDir);
        _host.Workspace.Environment["TF_LOG_PROVIDER"] = "trace";
    }

    private string TraceDir => Path.Combine(_dir.Path, "trace");

    public void Dispose()
    {
        _host.Dispose();
        _dir.Dispose();
    }

    private string Config(string password, int version) => $$"""
        resource "homelab_restic_job" "s" {
          name                   = "s"
          repository             = {{Hcl.Str(_host.Repo)}}
          password_wo            = {{Hcl.Str(password)}}
          password_wo_version    = {{version}}
          environment_wo         = { HOMELAB_TEST_B2_KEY = {{Hcl.Str(Credential)}}, RESTIC_COMPRESSION = "auto" }
          environment_wo_version = 1
          paths                  = [{{Hcl.Str(_host.Source)}}]
          before                 = "test -n \"$HOMELAB_TEST_B2_KEY\""
        }
        """;

    [Fact]
    public void Password_and_credentials_never_appear_in_argv_logs_state_or_units()
    {
        File.WriteAllText(Path.Combine(_host.Source, "f"), "data");
        var ws = _host.Workspace;
        var log = new StringBuilder();
        ws.WriteConfig(Config(Password, 1));
        log.Append(ws.Apply().Output);
        log.Append(ws.Plan().Output);
        // Rotating the secret file (the repository keeps its key: add the new one first, as documented).
        File.WriteAllText(_host.File("old"), Password);
        File.WriteAllText(_host.File("new"), NewPassword);
        Assert.Equal(0, _host.Restic(_host.Repo, _host.File("old"), "key", "add", "--new-password-file", _host.File("new")).ExitCode);
        ws.WriteConfig(Config(NewPassword, 2));
        log.Append(ws.Apply().Output);
        Assert.Equal(NewPassword, File.ReadAllText(_host.State("restic/s/password")));
        var env = File.ReadAllText(_host.State("restic/s/environment"));
        Assert.Contains($"HOMELAB_TEST_B2_KEY=\"{Credential}\"", env, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_host.State("restic/s/environment")));
        var units = string.Concat(Directory.EnumerateFiles(_host.State("units")).Select(File.ReadAllText));
        var state = ws.StateFileText;
        log.Append(ws.Destroy().Output);

        var trace = string.Concat(Directory.EnumerateFiles(TraceDir).Select(File.ReadAllText));
        // The recorder works: it saw restic open the repository with the password *file*.
        Assert.Contains("--password-file", trace, StringComparison.Ordinal);
        Assert.Contains("\"cat\", \"config\"", trace, StringComparison.Ordinal);
        Assert.Contains("\"init\"", trace, StringComparison.Ordinal);
        Assert.Contains("[TRACE]", log.ToString(), StringComparison.Ordinal);
        foreach (var (what, text) in new[] { ("argv", trace), ("terraform/provider log", log.ToString()), ("state", state), ("units", units) })
        {
            foreach (var secret in new[] { Password, NewPassword, Credential })
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"a secret leaked into {what}");
            }
        }
    }
}
