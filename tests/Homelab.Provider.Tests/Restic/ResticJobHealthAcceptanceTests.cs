using System.Text.Json.Nodes;

namespace Homelab.Provider.Tests.Restic;

/// <summary>
/// The health lines of <c>homelab_restic_job</c> through real terraform, the published provider and
/// the real restic (docs/design/health.md): every service has <c>OnSuccess=</c> next to
/// <c>OnFailure=</c>, the backup service alone has <c>X-HomelabMaxAgeSec=</c>, all pass
/// <c>systemd-analyze verify</c>; <c>max_age</c> changes in place and is imported; a job applied by
/// the previous provider becomes current with an in-place update.
/// </summary>
[Trait(Tier.Name, Tier.Acceptance)]
public sealed class ResticJobHealthAcceptanceTests : IDisposable
{
    private readonly ResticTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private static readonly string[] Services = ["homelab-restic-nightly", "homelab-restic-nightly-forget", "homelab-restic-nightly-check"];

    private string Config(string? maxAge) => $$"""
        resource "homelab_restic_job" "nightly" {
          name                = "nightly"
          repository          = {{Hcl.Str(_host.Repo)}}
          password_wo         = "health-check-password"
          password_wo_version = 1
          paths               = {{Hcl.List([_host.Source])}}
          {{(maxAge is null ? "" : $"max_age = \"{maxAge}\"")}}
          retention = {
            keep_daily = 7
          }
        }
        """;

    private static string[] UnitLines(string service) =>
        [.. service.Split('\n').SkipWhile(l => l != "[Unit]").Skip(1).TakeWhile(l => !l.StartsWith('['))];

    private void AssertVerified()
    {
        var files = Services.SelectMany(s => new[] { s + ".service", s + ".timer" }).Select(f => _host.State("units/" + f)).ToArray();
        var verify = ProcessRunner.Run("systemd-analyze", ["verify", .. files]);
        Assert.True(verify.ExitCode == 0 && verify.Stderr.Length == 0, verify.Stdout + verify.Stderr);
    }

    [Fact]
    public void Max_age_bounds_the_backup_service_changes_in_place_and_is_imported()
    {
        var ws = _host.Workspace;
        ws.WriteConfig(Config("1d 12h"));
        ws.Apply();

        foreach (var service in Services)
        {
            var unit = UnitLines(_host.Unit(service + ".service"));
            Assert.Contains("OnFailure=failure-notify@%n.service", unit);
            Assert.Contains("OnSuccess=success-notify@%n.service", unit);
            Assert.Equal(service == "homelab-restic-nightly" ? ["X-HomelabMaxAgeSec=129600"] : [], unit.Where(l => l.StartsWith("X-Homelab", StringComparison.Ordinal)));
        }
        AssertVerified();
        _host.RunServiceOk("homelab-restic-nightly");

        ws.WriteConfig(Config("2h"));
        var plan = ws.PlanExpectChanges();
        Assert.Contains("update in-place", plan.Stdout, StringComparison.Ordinal);
        Assert.Contains("0 to add, 1 to change, 0 to destroy", plan.Stdout, StringComparison.Ordinal);
        ws.Apply();
        Assert.Contains("X-HomelabMaxAgeSec=7200", UnitLines(_host.Unit("homelab-restic-nightly.service")));
        Assert.Equal("2h", ws.ResourceValues("homelab_restic_job.nightly")!.Value.GetProperty("max_age").GetString());

        // A hand edit of the bound is drift (in_sync = false), repaired by apply.
        var path = _host.State("units/homelab-restic-nightly.service");
        File.WriteAllText(path, File.ReadAllText(path).Replace("X-HomelabMaxAgeSec=7200\n", "", StringComparison.Ordinal));
        Assert.Contains("in_sync", ws.PlanExpectChanges().Stdout, StringComparison.Ordinal);
        ws.Apply();
        Assert.Contains("X-HomelabMaxAgeSec=7200", UnitLines(_host.Unit("homelab-restic-nightly.service")));

        // Import keeps the spelling the job was applied with (the job's manifest holds it).
        Assert.Equal(0, ws.Run("state", "rm", "homelab_restic_job.nightly").ExitCode);
        ws.Import("homelab_restic_job.nightly", "nightly");
        Assert.Equal("2h", ws.ResourceValues("homelab_restic_job.nightly")!.Value.GetProperty("max_age").GetString());

        ws.WriteConfig(Config(null));
        Assert.Contains("update in-place", ws.PlanExpectChanges().Stdout, StringComparison.Ordinal);
        ws.Apply();
        Assert.DoesNotContain(_host.Unit("homelab-restic-nightly.service").Split('\n'), l => l.StartsWith("X-Homelab", StringComparison.Ordinal));
        AssertVerified();
    }

    [Fact]
    public void A_job_applied_by_the_previous_provider_is_updated_in_place()
    {
        var ws = _host.Workspace;
        ws.WriteConfig(Config(null));
        ws.Apply();
        var current = Services.ToDictionary(s => s, s => _host.Unit(s + ".service"));

        // What the previous provider left: units without OnSuccess=, a manifest and a state without max_age.
        foreach (var (service, text) in current)
        {
            File.WriteAllText(_host.State($"units/{service}.service"), text.Replace("OnSuccess=success-notify@%n.service\n", "", StringComparison.Ordinal));
        }
        var manifestPath = _host.State("restic/nightly/job.json");
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!.AsObject();
        Assert.True(manifest.Remove("max_age"));
        File.WriteAllText(manifestPath, manifest.ToJsonString() + "\n");
        var statePath = Path.Combine(ws.Directory, "terraform.tfstate");
        var state = JsonNode.Parse(File.ReadAllText(statePath))!;
        Assert.True(state["resources"]![0]!["instances"]![0]!["attributes"]!.AsObject().Remove("max_age"));
        File.WriteAllText(statePath, state.ToJsonString());

        var plan = ws.PlanExpectChanges();
        Assert.Contains("update in-place", plan.Stdout, StringComparison.Ordinal);
        Assert.Contains("in_sync", plan.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("must be replaced", plan.Stdout, StringComparison.Ordinal);
        Assert.Contains("0 to add, 1 to change, 0 to destroy", plan.Stdout, StringComparison.Ordinal);
        ws.Apply();
        foreach (var (service, text) in current)
        {
            Assert.Equal(text, _host.Unit(service + ".service"));
        }
        AssertVerified();
    }
}
