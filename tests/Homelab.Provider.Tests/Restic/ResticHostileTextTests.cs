namespace Homelab.Provider.Tests.Restic;

/// <summary>
/// Free text that reaches a unit file or a file the job reads is written losslessly or refused at
/// plan on its attribute; the repository location never shows its credential; the job's
/// environment file is read, never run as shell code. Real terraform, the published provider.
/// </summary>
[Trait(Tier.Name, Tier.Acceptance)]
public sealed class ResticHostileTextTests : IDisposable
{
    private readonly ResticTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public void Text_a_unit_file_cannot_hold_is_refused_at_plan_on_its_attribute()
    {
        _host.Workspace.WriteConfig($$"""
            resource "homelab_restic_job" "h" {
              name             = "h"
              description      = "ends in a backslash \\"
              repository       = "/srv/r\n"
              password_file    = "/etc/pw"
              environment_file = "/etc/restic.env\\"
              paths            = ["/srv/a\nb"]
              exclude          = ["*.tmp\n"]
              tags             = ["homelab-job=someone-else"]
              host             = ""
            }
            """);
        var result = _host.Workspace.Plan();
        Assert.NotEqual(0, result.ExitCode);
        var output = System.Text.RegularExpressions.Regex.Replace(result.Output, @"\s+", " ");
        int Count(string what) => System.Text.RegularExpressions.Regex.Count(output, System.Text.RegularExpressions.Regex.Escape(what));
        Assert.Equal(2, Count("Cannot be written into a unit file")); // description, environment_file
        Assert.Contains("line continuation", output, StringComparison.Ordinal);
        Assert.Equal(1, Count("Invalid repository"));
        Assert.Equal(2, Count("Error: Line break or control character")); // paths[0], exclude[0]
        Assert.Equal(1, Count("Reserved tag"));
        Assert.Equal(1, Count("Empty host"));
    }

    [Fact]
    public void A_credential_in_the_repository_url_appears_neither_in_plan_output_nor_in_diagnostics()
    {
        const string Secret = "s3cr3t-Qm9-rest-password";
        // Through a variable, as a credential comes from a secret store: terraform prints the
        // source line of a diagnostic's attribute, so a literal in main.tf would show up there.
        _host.Workspace.WriteConfig($$"""
            variable "repository" {
              type    = string
              default = "rest:http://backup:{{Secret}}@127.0.0.1:1/repo/"
            }

            resource "homelab_restic_job" "r" {
              name                = "r"
              repository          = var.repository
              password_wo         = "pw"
              password_wo_version = 1
              paths               = [{{Hcl.Str(_host.Source)}}]
            }
            """);
        var plan = _host.Workspace.Plan();
        Assert.Equal(0, plan.ExitCode);
        Assert.DoesNotContain(Secret, plan.Output, StringComparison.Ordinal);
        var apply = _host.Workspace.ApplyExpectError();
        Assert.Contains("Repository unreachable", apply.Output, StringComparison.Ordinal);
        Assert.Contains("backup:***@127.0.0.1", apply.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, apply.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_environment_file_is_read_as_data_never_run_as_shell_code()
    {
        var marker = _host.File("pwned");
        var envFile = _host.File("restic.env");
        File.WriteAllText(envFile, $"""
            # credentials
            RESTIC_COMPRESSION=auto
            touch '{marker}-line'
            HOMELAB_PROBE="$(touch '{marker}-subst')"
            """ + "\n");
        File.WriteAllText(Path.Combine(_host.Source, "f"), "data");
        _host.Workspace.WriteConfig($$"""
            resource "homelab_restic_job" "e" {
              name                = "e"
              repository          = {{Hcl.Str(_host.Repo)}}
              password_wo         = "pw"
              password_wo_version = 1
              environment_file    = {{Hcl.Str(envFile)}}
              paths               = [{{Hcl.Str(_host.Source)}}]
            }
            """);
        _host.Workspace.Apply();
        _host.Workspace.AssertEmptyPlan();
        Assert.False(File.Exists(marker + "-line"), "a line of the environment file ran as a command");
        Assert.False(File.Exists(marker + "-subst"), "a command substitution in the environment file ran");
    }
}
