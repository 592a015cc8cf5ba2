namespace Homelab.Provider.Tests.Ntfy;

/// <summary>The published examples of homelab_ntfy_alert work against the real provider.</summary>
[Trait(Tier.Name, Tier.Acceptance)]
public sealed class NtfyExamplesTests : IDisposable
{
    private readonly NtfyTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public void The_resource_example_validates()
    {
        var ws = _host.Workspace;
        ws.WriteConfig("");
        ws.WriteFile("example.tf", File.ReadAllText(RepositoryRoot.Combine("examples", "resources", "homelab_ntfy_alert", "resource.tf")));
        var result = ws.Run("validate", "-no-color");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("terraform import homelab_ntfy_alert.phone", File.ReadAllText(RepositoryRoot.Combine("examples", "resources", "homelab_ntfy_alert", "import.sh")), StringComparison.Ordinal);
    }

    /// <summary>What scripts/sandbox.sh demonstrates, in miniature: apply, test message, a failure alerts.</summary>
    [Fact]
    public void The_sandbox_alert_applies_sends_its_test_message_and_receives_a_job_failure()
    {
        var ws = _host.Workspace;
        ws.WriteConfig("");
        ws.WriteFile("ntfy.tf", File.ReadAllText(RepositoryRoot.Combine("examples", "sandbox", "ntfy.tf")));
        ws.Environment["TF_VAR_ntfy_url"] = _host.Server.Url;
        ws.Apply();
        var test = Assert.Single(_host.Server.Requests);
        Assert.Equal("/homelab-sandbox", test.Path);
        Assert.Equal("Bearer tk_sandbox_standin_token", test.Header("Authorization"));

        var notify = _host.RunFailureNotify("homelab-syncoid-replica.service");
        Assert.True(notify.ExitCode == 0, notify.ToString());
        var alert = _host.Server.Requests[^1];
        Assert.Equal(2, _host.Server.Requests.Count);
        Assert.EndsWith(": homelab-syncoid-replica.service failed (sandbox)", alert.Header("Title"), StringComparison.Ordinal);
        Assert.Equal("rotating_light,sandbox", alert.Header("Tags"));
    }
}
