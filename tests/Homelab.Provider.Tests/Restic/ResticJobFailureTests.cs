namespace Homelab.Provider.Tests.Restic;

/// <summary>Repository problems are error diagnostics that say which, and leave nothing behind.</summary>
[Trait(Tier.Name, Tier.Acceptance)]
public sealed class ResticJobFailureTests : IDisposable
{
    private readonly ResticTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private string Config(string repository, string password, bool initialize = true, string options = "{}") => $$"""
        resource "homelab_restic_job" "j" {
          name                = "j"
          repository          = {{Hcl.Str(repository)}}
          password_wo         = {{Hcl.Str(password)}}
          password_wo_version = 1
          paths               = [{{Hcl.Str(_host.Source)}}]
          initialize          = {{(initialize ? "true" : "false")}}
          options             = {{options}}
        }
        """;

    [Fact]
    public void A_wrong_password_is_reported_as_such_and_no_job_files_remain()
    {
        File.WriteAllText(_host.File("right"), "the right one");
        Assert.Equal(0, _host.Restic(_host.Repo, _host.File("right"), "init").ExitCode);
        _host.Workspace.WriteConfig(Config(_host.Repo, "not the right one"));
        var result = _host.Workspace.ApplyExpectError();
        Assert.Contains("Wrong repository password", result.Output, StringComparison.Ordinal);
        Assert.Contains("password_wo", result.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_host.State("restic/j")));
        Assert.False(File.Exists(_host.State("units/homelab-restic-j.service")));
        Assert.Empty(_host.Workspace.StateList());
    }

    [Fact]
    public void A_missing_repository_with_initialize_false_is_an_error_and_is_not_created()
    {
        _host.Workspace.WriteConfig(Config(_host.Repo, "pw", initialize: false));
        var result = _host.Workspace.ApplyExpectError();
        Assert.Contains("Repository does not exist", result.Output, StringComparison.Ordinal);
        Assert.Contains("initialize = false", System.Text.RegularExpressions.Regex.Replace(result.Output, @"\s+", " "), StringComparison.Ordinal);
        Assert.False(Directory.Exists(_host.Repo));
        Assert.False(Directory.Exists(_host.State("restic/j")));
    }

    [Fact]
    public void An_unreachable_repository_is_distinguished_from_a_wrong_password()
    {
        var options = """{ "sftp.command" = "ssh -p 1 -o BatchMode=yes -o ConnectTimeout=5 root@127.0.0.1 -s sftp" }""";
        _host.Workspace.WriteConfig(Config("sftp:root@127.0.0.1:/srv/nowhere", "pw", options: options));
        var result = _host.Workspace.ApplyExpectError();
        Assert.Contains("Repository unreachable", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Wrong repository password", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_settings_are_refused_at_plan_time()
    {
        _host.Workspace.WriteConfig($$"""
            resource "homelab_restic_job" "j" {
              name          = "j-forget"
              repository    = "/srv/r"
              password_file = "relative/pw"
              paths         = ["relative"]
              schedule      = "every tuesday-ish"
              retention     = { prune = true }
            }
            """);
        var result = _host.Workspace.Plan();
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("ends in `-forget`", result.Output, StringComparison.Ordinal);
        Assert.Contains("Not an absolute path", result.Output, StringComparison.Ordinal);
        Assert.Contains("Retention without a policy", result.Output, StringComparison.Ordinal);
    }
}
