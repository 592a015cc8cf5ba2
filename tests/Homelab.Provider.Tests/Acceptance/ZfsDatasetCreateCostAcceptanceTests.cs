using Homelab.Provider.Tests.TestKit;
using Xunit.Abstractions;

namespace Homelab.Provider.Tests.Acceptance;

/// <summary>
/// What one <c>homelab_zfs_dataset</c> create costs in zfs processes through the real terraform
/// and the published provider: a zfs wrapper (the remote's <c>tools.zfs</c>) logs the provider
/// process that ran each command. Terraform plans in one provider process and applies in another
/// (which re-plans each resource right before applying it), so the bound is per process.
/// </summary>
[Trait("Category", "Acceptance")]
[Trait(Tier.Name, Tier.Acceptance)]
public sealed class ZfsDatasetCreateCostAcceptanceTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new("hl-zfs-cost");

    public void Dispose() => _dir.Dispose();

    private string Log => _dir.File("zfs-calls.log");

    [Fact]
    public void Creating_a_dataset_runs_at_most_three_zfs_processes_in_the_apply_and_one_in_the_plan()
    {
        using var pool = new ZfsPool();
        using var tf = TerraformWorkspace.Create(ProviderBuild.Homelab);
        var zfs = ProcessRunner.Check("sh", "-c", "command -v zfs").Trim();
        var wrapper = Executable.Write(_dir.File("zfs"), $"""
            #!/bin/sh
            printf '%s %s\n' "$PPID" "$*" >> '{Log}'
            exec '{zfs}' "$@"

            """);
        tf.WriteConfig($$"""
            provider "homelab" {
              remote {
                name  = "local"
                tools = { zfs = "{{wrapper}}" }
              }
            }

            resource "homelab_zfs_dataset" "media" {
              name        = "{{pool.Name}}/media"
              description = "films"
              properties  = { compression = "on" }
            }
            """);

        var planRun = tf.Run("plan", "-input=false", "-no-color", "-out=create.tfplan");
        Assert.True(planRun.ExitCode == 0, planRun.ToString());
        var plan = Calls();
        File.Delete(Log);
        var applyRun = tf.Run("apply", "-input=false", "-no-color", "create.tfplan");
        Assert.True(applyRun.ExitCode == 0, applyRun.ToString());
        var apply = Calls();
        output.WriteLine($"plan: {plan.Count} zfs processes\n{Show(plan)}\napply: {apply.Count} zfs processes\n{Show(apply)}");

        Assert.True(ZfsPool.Exists($"{pool.Name}/media"));
        Assert.Equal(["get"], plan.Select(c => c.Args[0]));
        // The apply: one placement read (the re-plan; the create uses its answer), the create, one read back.
        Assert.Single(apply.Select(c => c.Process).Distinct());
        Assert.Equal(["get", "create", "get"], apply.Select(c => c.Args[0]));
        Assert.True(apply.Count <= 3);
        tf.AssertEmptyPlan();
    }

    private static string Show(List<(string Process, string[] Args)> calls) =>
        string.Join('\n', calls.Select(c => $"  pid {c.Process}: zfs {string.Join(' ', c.Args)}"));

    private List<(string Process, string[] Args)> Calls() => File.Exists(Log)
        ? [.. File.ReadAllLines(Log).Select(l => l.Split(' ', 2)).Select(p => (p[0], p[1].Split(' ')))]
        : [];
}
