using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Host;
using Homelab.Provider.Kit;
using Homelab.Provider.Tests.TestKit;
using Homelab.Provider.Zfs;

namespace Homelab.Provider.Tests.Zfs;

/// <summary>
/// The zfs processes of a create in one provider process, as Terraform's apply walk drives it
/// (re-plan, then apply), against real zfs: at most three, and the kept ancestor answer of the
/// plan is used only while nothing was written and only when it lets the create go ahead.
/// </summary>
[Trait(Tier.Name, Tier.Host)]
public sealed class CreatePathHostTests : IDisposable
{
    private readonly ZfsPool _pool = new();

    private string P => _pool.Name;

    public void Dispose() => _pool.Dispose();

    private static (Remote Remote, CountingConnection Counting, HostRegistry Registry) Local()
    {
        var settings = new RemoteSettings { Name = "local" };
        var counting = new CountingConnection(new LocalConnection(settings));
        var remote = new Remote(counting);
        return (remote, counting, new HostRegistry([settings], "local", _ => remote));
    }

    private static TfValue Planned(string name) => new ZfsDatasetModel { Name = name, Remote = "local", Properties = new Dictionary<string, string> { ["compression"] = "on" } }.ToValue();

    /// <summary>PlanResourceChange of a create, as the server runs it.</summary>
    private static async Task PlanAsync(HostRegistry registry, string name)
    {
        var planned = Planned(name);
        var response = new ModifyPlanResponse { Planned = planned.With("guid", TfValue.Unknown(TfType.String)).With("creation", TfValue.Unknown(TfType.String)) };
        await new ZfsDatasetResource().ModifyPlanAsync(new ModifyPlanRequest(null, planned, null, registry), response, CancellationToken.None);
        Assert.False(response.Diagnostics.HasErrors, response.Diagnostics.ToString());
    }

    private static async Task<ResourceResponse> CreateAsync(HostRegistry registry, string name)
    {
        var planned = Planned(name).With("guid", TfValue.Unknown(TfType.String)).With("creation", TfValue.Unknown(TfType.String));
        var response = new ResourceResponse();
        await new ZfsDatasetResource().CreateAsync(new CreateRequest(planned, planned, registry, null), response, CancellationToken.None);
        return response;
    }

    [Fact]
    public async Task A_planned_create_runs_three_zfs_processes_placement_create_and_one_read_back()
    {
        ZfsPool.Zfs("create", $"{P}/a");
        var (remote, counting, registry) = Local();
        await using var _ = remote;

        await PlanAsync(registry, $"{P}/a/new");
        var response = await CreateAsync(registry, $"{P}/a/new");

        Assert.False(response.Diagnostics.HasErrors, response.Diagnostics.ToString());
        var commands = counting.ZfsCommands.ToList();
        Assert.Equal(["get", "create", "get"], commands.Select(c => c[0]));
        Assert.Equal([P, $"{P}/a"], commands[0].TakeLast(2));
        Assert.Equal("type,guid,creation,volsize,homelab:description,compression", commands[2][^2]);
        var state = Assert.IsType<TfValue>(response.State);
        Assert.Equal(ZfsPool.Get($"{P}/a/new", "guid").Value, state.GetString("guid").Get());
        Assert.False(state.GetString("creation").IsNull);
        Assert.Equal("on", state.GetStringMap("properties").Get()["compression"]);
    }

    [Fact]
    public async Task A_write_between_plan_and_create_makes_the_create_read_its_ancestors_again()
    {
        ZfsPool.Zfs("create", $"{P}/a");
        var (remote, counting, registry) = Local();
        await using var _ = remote;

        await PlanAsync(registry, $"{P}/a/new");
        await ZfsCommands.For(remote).SetAsync($"{P}/a", ZfsProperties.OwnerKey, "incus", CancellationToken.None);
        var response = await CreateAsync(registry, $"{P}/a/new");

        var error = Assert.Single(response.Diagnostics);
        Assert.Contains("carries `homelab:owner=incus`", error.Detail, StringComparison.Ordinal);
        Assert.False(ZfsPool.Exists($"{P}/a/new"));
        Assert.Equal(["get", "set", "get"], counting.ZfsCommands.Select(c => c[0]));
    }

    [Fact]
    public async Task A_plan_that_found_no_parent_is_not_reused_the_create_reads_again()
    {
        var (remote, counting, registry) = Local();
        await using var _ = remote;

        await PlanAsync(registry, $"{P}/later/new");
        ZfsPool.Zfs("create", $"{P}/later");
        var response = await CreateAsync(registry, $"{P}/later/new");

        Assert.False(response.Diagnostics.HasErrors, response.Diagnostics.ToString());
        Assert.True(ZfsPool.Exists($"{P}/later/new"));
        Assert.Equal(["get", "get", "create", "get"], counting.ZfsCommands.Select(c => c[0]));
    }

    [Fact]
    public async Task A_kept_answer_serves_one_create_only()
    {
        ZfsPool.Zfs("create", $"{P}/a");
        var (remote, counting, registry) = Local();
        await using var _ = remote;
        var checks = CreateChecks.Of(remote);
        var placement = new DatasetPlacement(remote);

        await placement.CreateProblemAsync($"{P}/a/x", requireParent: false, CancellationToken.None);
        Assert.Null(await placement.CreateProblemAsync($"{P}/a/x", requireParent: true, CancellationToken.None));
        Assert.Null(await placement.CreateProblemAsync($"{P}/a/x", requireParent: true, CancellationToken.None));

        Assert.Equal(2, counting.Zfs);
        Assert.Null(checks.Take($"{P}/a/x"));
    }

    [Fact]
    public void An_answer_read_while_a_write_ran_is_not_kept()
    {
        var checks = new CreateChecks();
        var generation = checks.Generation;
        checks.Invalidate();

        checks.Put("tank/a", generation, new Dictionary<string, DatasetInfo>(StringComparer.Ordinal));

        Assert.Null(checks.Take("tank/a"));
        checks.Put("tank/a", checks.Generation, new Dictionary<string, DatasetInfo>(StringComparer.Ordinal));
        Assert.NotNull(checks.Take("tank/a"));
    }
}
