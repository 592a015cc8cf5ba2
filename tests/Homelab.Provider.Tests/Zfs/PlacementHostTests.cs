using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Host;
using Homelab.Provider.Kit;
using Homelab.Provider.Sanoid;
using Homelab.Provider.Syncoid;
using Homelab.Provider.Tests.TestKit;
using Homelab.Provider.Zfs;

namespace Homelab.Provider.Tests.Zfs;

/// <summary>
/// The placement service against real zfs (zfs-fuse pools): which zfs commands a plan runs, the
/// Incus guard for ancestors and descendants, and that a failing zfs never counts as "allowed".
/// </summary>
[Trait(Tier.Name, Tier.Host)]
public sealed class PlacementHostTests : IDisposable
{
    private readonly ZfsPool _pool = new();

    private string P => _pool.Name;

    public void Dispose() => _pool.Dispose();

    private static (Remote Remote, CountingConnection Counting, HostRegistry Registry) Local(IReadOnlyDictionary<string, string>? tools = null, IReadOnlyList<string>? incus = null)
    {
        var settings = new RemoteSettings
        {
            Name = "local",
            Tools = tools ?? new Dictionary<string, string>(StringComparer.Ordinal),
            IncusDatasets = incus ?? [],
        };
        var counting = new CountingConnection(new LocalConnection(settings));
        var remote = new Remote(counting);
        return (remote, counting, new HostRegistry([settings], "local", _ => remote));
    }

    /// <summary>Plans a new homelab_zfs_dataset the way the server does (no prior state).</summary>
    private static async Task<ModifyPlanResponse> PlanCreateAsync(HostRegistry registry, string name)
    {
        var planned = new ZfsDatasetModel { Name = name }.ToValue();
        var config = planned.With("remote", TfValue.Null(TfType.String)).With("guid", TfValue.Null(TfType.String)).With("creation", TfValue.Null(TfType.String));
        var response = new ModifyPlanResponse { Planned = planned.With("guid", TfValue.Unknown(TfType.String)).With("creation", TfValue.Unknown(TfType.String)) };
        await new ZfsDatasetResource().ModifyPlanAsync(new ModifyPlanRequest(null, config, null, registry), response, CancellationToken.None);
        return response;
    }

    [Fact]
    public async Task Planning_one_new_dataset_reads_its_ancestors_in_one_command_and_never_the_pool()
    {
        ZfsPool.Zfs("create", $"{P}/a");
        for (var i = 0; i < 5; i++)
        {
            ZfsPool.Zfs("create", $"{P}/other{i}");
            ZfsPool.Zfs("snapshot", $"{P}/other{i}@s");
        }
        var (remote, counting, registry) = Local();
        await using var _ = remote;
        var response = await PlanCreateAsync(registry, $"{P}/a/new/deeper");
        Assert.False(response.Diagnostics.HasErrors, response.Diagnostics.ToString());
        var command = Assert.Single(counting.ZfsCommands);
        Assert.Equal("get", command[0]);
        Assert.DoesNotContain("-r", command);
        Assert.DoesNotContain("all", command);
        Assert.Equal([P, $"{P}/a", $"{P}/a/new"], command.TakeLast(3));
    }

    [Fact]
    public async Task A_new_dataset_below_a_missing_dataset_inside_Incus_is_refused_from_the_nearest_ancestor()
    {
        ZfsPool.Zfs("create", "-o", "homelab:owner=incus", $"{P}/incus");
        var (remote, counting, registry) = Local();
        await using var _ = remote;
        var response = await PlanCreateAsync(registry, $"{P}/incus/not/yet/there");
        var error = Assert.Single(response.Diagnostics);
        Assert.Equal("name", error.Path!.ToString());
        Assert.Contains($"{P}/incus, which carries `homelab:owner=incus`", error.Detail, StringComparison.Ordinal);
        Assert.Equal(1, counting.Zfs);
    }

    [Fact]
    public async Task Contents_name_Incus_owned_descendants_by_property_and_by_declaration()
    {
        ZfsPool.Zfs("create", $"{P}/a");
        ZfsPool.Zfs("create", $"{P}/a/plain");
        ZfsPool.Zfs("snapshot", $"{P}/a@s1");
        ZfsPool.Zfs("create", "-o", "homelab:owner=incus", $"{P}/a/inc");
        ZfsPool.Zfs("create", $"{P}/b");
        ZfsPool.Zfs("create", $"{P}/b/declared");
        ZfsPool.Zfs("create", $"{P}/c");
        ZfsPool.Zfs("snapshot", $"{P}/c@keep");
        var (remote, _, _) = Local(incus: [$"{P}/b/declared"]);
        await using var __ = remote;
        var placement = new DatasetPlacement(remote);

        var a = await placement.ContentsAsync($"{P}/a", CancellationToken.None);
        Assert.Contains($"{P}/a/inc", a!.IncusProblem, StringComparison.Ordinal);
        Assert.Equal([$"{P}/a/inc", $"{P}/a/plain", $"{P}/a@s1"], a.Dependents);

        var b = await placement.ContentsAsync($"{P}/b", CancellationToken.None);
        Assert.Contains("incus_datasets", b!.IncusProblem, StringComparison.Ordinal);

        var inner = await placement.ContentsAsync($"{P}/a/inc", CancellationToken.None);
        Assert.NotNull(inner!.IncusProblem);

        var c = await placement.ContentsAsync($"{P}/c", CancellationToken.None);
        Assert.Null(c!.IncusProblem);
        Assert.Equal([$"{P}/c@keep"], c.Dependents);
        Assert.Contains("1 snapshot and 0 child datasets", c.Describe(), StringComparison.Ordinal);

        Assert.Null(await placement.ContentsAsync($"{P}/missing", CancellationToken.None));
    }

    [Fact]
    public async Task Renaming_a_dataset_that_contains_an_Incus_owned_one_is_refused_at_plan()
    {
        ZfsPool.Zfs("create", $"{P}/a");
        ZfsPool.Zfs("create", "-o", "homelab:owner=incus", $"{P}/a/vm");
        var (remote, _, registry) = Local();
        await using var _ = remote;
        var prior = new ZfsDatasetModel { Name = $"{P}/a", Remote = "local", Guid = "1", Creation = "2026-01-01T00:00:00Z" }.ToValue();
        var planned = prior.With("name", TfValue.String($"{P}/b"));
        var response = new ModifyPlanResponse { Planned = planned };
        await new ZfsDatasetResource().ModifyPlanAsync(new ModifyPlanRequest(prior, planned, null, registry), response, CancellationToken.None);
        var error = Assert.Single(response.Diagnostics);
        Assert.Equal("Refusing to move an Incus-owned dataset", error.Summary);
        Assert.Equal("name", error.Path!.ToString());
        Assert.Contains($"{P}/a/vm", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sanoid_datasets_below_an_Incus_owned_ancestor_are_refused_even_before_they_exist()
    {
        ZfsPool.Zfs("create", "-o", "homelab:owner=incus", $"{P}/incus");
        ZfsPool.Zfs("create", $"{P}/data");
        ZfsPool.Zfs("create", "-o", "homelab:owner=incus", $"{P}/data/vm");
        var (remote, _, _) = Local();
        await using var _ = remote;
        var policy = new SanoidPolicy { Name = "p", Datasets = [$"{P}/incus/future", $"{P}/data"], Recursive = "yes", TemplateKeys = new Dictionary<string, string>() };
        var problems = await SanoidDatasets.ProblemsAsync(remote, policy, requireExist: false, CancellationToken.None);
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains($"{P}/incus/future is owned by Incus", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains($"would reach {P}/data/vm", StringComparison.Ordinal));
        var atApply = await SanoidDatasets.ProblemsAsync(remote, policy, requireExist: true, CancellationToken.None);
        Assert.Contains(atApply, p => p.Contains("does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_syncoid_target_check_fails_closed_when_zfs_fails()
    {
        // A zfs that fails for another reason than "does not exist" (here: exits 1, says nothing).
        var (remote, _, _) = Local(tools: new Dictionary<string, string>(StringComparer.Ordinal) { ["zfs"] = "/bin/false" });
        await using var _ = remote;
        var job = new SyncoidJob { Name = "r", Source = $"{P}/a", Target = $"{P}/backup/a" };
        var failure = await Assert.ThrowsAsync<HostException>(() => SyncoidHost.TargetProblemsAsync(remote, job, CancellationToken.None));
        Assert.Contains("nothing was allowed", failure.Message, StringComparison.Ordinal);
        Assert.Equal("target", failure.Path?.ToString());
        await Assert.ThrowsAsync<HostException>(() => SyncoidHost.ExistsAsync(remote, $"{P}/a", CancellationToken.None));
    }

    [Fact]
    public async Task A_syncoid_target_inside_Incus_is_refused()
    {
        ZfsPool.Zfs("create", "-o", "homelab:owner=incus", $"{P}/incus");
        var (remote, _, _) = Local();
        await using var _ = remote;
        var job = new SyncoidJob { Name = "r", Source = $"{P}/a", Target = $"{P}/incus/backup" };
        Assert.Contains("owned by Incus", Assert.Single(await SyncoidHost.TargetProblemsAsync(remote, job, CancellationToken.None)), StringComparison.Ordinal);
    }
}
