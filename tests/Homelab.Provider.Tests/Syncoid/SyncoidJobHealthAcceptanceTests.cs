using System.Text.Json.Nodes;
using Homelab.Provider.Tests.Sanoid;
using Homelab.Provider.Tests.TestKit;

namespace Homelab.Provider.Tests.Syncoid;

/// <summary>
/// The health lines of <c>homelab_syncoid_job</c> through real terraform and the published provider
/// (docs/design/health.md): <c>OnSuccess=</c> next to <c>OnFailure=</c>, <c>max_age</c> as
/// <c>X-HomelabMaxAgeSec=</c> compared by value, accepted by <c>systemd-analyze verify</c>, read back
/// by import; and a job applied by the previous provider (no <c>OnSuccess=</c>, no <c>max_age</c> in
/// state) becomes current with an in-place update.
/// </summary>
[Trait(Tier.Name, Tier.Acceptance)]
public sealed class SyncoidJobHealthAcceptanceTests : IDisposable
{
    private readonly SnapshotHost _host = new();
    private readonly ZfsPool _source = new();
    private readonly ZfsPool _backup = new();

    public SyncoidJobHealthAcceptanceTests()
    {
        ZfsPool.Zfs("create", _source.Name + "/data");
    }

    public void Dispose()
    {
        _host.Dispose();
        _source.Dispose();
        _backup.Dispose();
    }

    private string UnitPath(string name) => Path.Combine(_host.StateDir, "units", name);

    private string Service => File.ReadAllText(UnitPath("homelab-syncoid-replica.service"));

    private string Config(string? maxAge) => $$"""
        resource "homelab_syncoid_job" "replica" {
          name    = "replica"
          source  = "{{_source.Name}}/data"
          target  = "{{_backup.Name}}/data"
          {{(maxAge is null ? "" : $"max_age = \"{maxAge}\"")}}
        }
        """;

    private static string[] UnitLines(string service) =>
        [.. service.Split('\n').SkipWhile(l => l != "[Unit]").Skip(1).TakeWhile(l => !l.StartsWith('['))];

    private void AssertVerified()
    {
        var verify = ProcessRunner.Run("systemd-analyze", "verify", UnitPath("homelab-syncoid-replica.service"), UnitPath("homelab-syncoid-replica.timer"));
        Assert.True(verify.ExitCode == 0 && verify.Stderr.Length == 0, verify.Stdout + verify.Stderr);
    }

    [Fact]
    public void Max_age_is_written_compared_by_value_updated_in_place_and_imported()
    {
        var ws = _host.Workspace;
        ws.WriteConfig(Config("120m"));
        ws.Apply(); // and the plans after it are empty: "120m" in state, 7200 on the host

        var unit = UnitLines(Service);
        Assert.Contains("OnFailure=failure-notify@%n.service", unit);
        Assert.Contains("OnSuccess=success-notify@%n.service", unit);
        Assert.Contains("X-HomelabMaxAgeSec=7200", unit);
        AssertVerified();
        Assert.Equal("120m", ws.ResourceValues("homelab_syncoid_job.replica")!.Value.GetProperty("max_age").GetString());

        // Another spelling of the same span: an in-place update; the bound stays, only its comment follows.
        var before = Service;
        ws.WriteConfig(Config("2h"));
        var same = ws.PlanExpectChanges();
        Assert.Contains("update in-place", same.Stdout, StringComparison.Ordinal);
        Assert.Contains("0 to add, 1 to change, 0 to destroy", same.Stdout, StringComparison.Ordinal);
        ws.Apply();
        Assert.Equal(before.Replace("# max_age: 120m\n", "# max_age: 2h\n", StringComparison.Ordinal), Service);
        Assert.Contains("X-HomelabMaxAgeSec=7200", UnitLines(Service));

        // A new span rewrites the line in place.
        ws.WriteConfig(Config("1d 12h"));
        var plan = ws.PlanExpectChanges();
        Assert.Contains("update in-place", plan.Stdout, StringComparison.Ordinal);
        Assert.Contains("0 to add, 1 to change, 0 to destroy", plan.Stdout, StringComparison.Ordinal);
        ws.Apply();
        Assert.Contains("X-HomelabMaxAgeSec=129600", UnitLines(Service));
        Assert.Contains("# max_age: 1d 12h", UnitLines(Service));
        AssertVerified();

        // A hand edit of the bound on the host is drift, and apply puts it back.
        File.WriteAllText(UnitPath("homelab-syncoid-replica.service"), Service.Replace("X-HomelabMaxAgeSec=129600", "X-HomelabMaxAgeSec=60", StringComparison.Ordinal));
        Assert.Contains("\"1m\" -> \"1d 12h\"", ws.PlanExpectChanges().Stdout, StringComparison.Ordinal);
        ws.Apply();
        Assert.Contains("X-HomelabMaxAgeSec=129600", UnitLines(Service));

        // Import reads the text as written from the unit (the plan after it is empty).
        Assert.Equal(0, ws.Run("state", "rm", "homelab_syncoid_job.replica").ExitCode);
        ws.Import("homelab_syncoid_job.replica", "replica");
        Assert.Equal("1d 12h", ws.ResourceValues("homelab_syncoid_job.replica")!.Value.GetProperty("max_age").GetString());

        // Removing max_age removes the line, again in place.
        ws.WriteConfig(Config(null));
        Assert.Contains("update in-place", ws.PlanExpectChanges().Stdout, StringComparison.Ordinal);
        ws.Apply();
        Assert.DoesNotContain(Service.Split('\n'), l => l.StartsWith("X-HomelabMaxAgeSec", StringComparison.Ordinal));
        Assert.Contains("OnSuccess=success-notify@%n.service", UnitLines(Service));
    }

    [Fact]
    public void A_job_applied_by_the_previous_provider_is_updated_in_place()
    {
        var ws = _host.Workspace;
        ws.WriteConfig(Config(null));
        ws.Apply();

        // What the previous provider left: a unit without OnSuccess=, a state without max_age.
        var current = Service;
        var previous = current.Replace("OnSuccess=success-notify@%n.service\n", "", StringComparison.Ordinal);
        Assert.NotEqual(current, previous);
        File.WriteAllText(UnitPath("homelab-syncoid-replica.service"), previous);
        var statePath = Path.Combine(ws.Directory, "terraform.tfstate");
        var state = JsonNode.Parse(File.ReadAllText(statePath))!;
        var attributes = state["resources"]![0]!["instances"]![0]!["attributes"]!.AsObject();
        Assert.True(attributes.Remove("max_age"));
        attributes["service_content"] = previous;
        File.WriteAllText(statePath, state.ToJsonString());

        var plan = ws.PlanExpectChanges();
        Assert.Contains("update in-place", plan.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("must be replaced", plan.Stdout, StringComparison.Ordinal);
        Assert.Contains("0 to add, 1 to change, 0 to destroy", plan.Stdout, StringComparison.Ordinal);
        ws.Apply();
        Assert.Equal(current, Service);
        AssertVerified();
    }
}
