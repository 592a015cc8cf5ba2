using Homelab.Provider.Framework.Testing;
using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Host;
using Homelab.Provider.Tests.TestKit;
using Homelab.Provider.Zfs;

namespace Homelab.Provider.Tests.Zfs;

/// <summary>
/// The data-loss rules through the resource's plan exactly as the server runs it (framework
/// <see cref="Planner"/>, then ModifyPlan) against a real pool: for the causes terraform cannot
/// exercise on zfs-fuse, which has no volumes (a <c>volsize</c> shrink, a <c>sparse</c> change).
/// The other causes are proven through real terraform in ZfsDataSafetyAcceptanceTests.
/// </summary>
[Trait(Tier.Name, Tier.Host)]
public sealed class DataSafetyPlanTests : IDisposable
{
    private readonly ZfsPool _pool;

    public DataSafetyPlanTests()
    {
        // State says volume; zfs-fuse can only hold a filesystem of that name, which is enough for
        // the plan to read what the old dataset contains.
        _pool = new ZfsPool();
        ZfsPool.Zfs("create", $"{_pool.Name}/vol");
        ZfsPool.Zfs("snapshot", $"{_pool.Name}/vol@before");
    }

    public void Dispose() => _pool.Dispose();

    private async Task<ModifyPlanResponse> PlanAsync(ZfsDatasetModel prior, ZfsDatasetModel config)
    {
        var settings = new RemoteSettings { Name = "local" };
        await using var remote = new Remote(new LocalConnection(settings));
        var registry = new HostRegistry([settings], "local", _ => remote);
        var block = ZfsDatasetSchema.Schema.Block;
        var priorValue = prior.ToValue();
        var configValue = config.ToValue().With("guid", TfValue.Null(TfType.String)).With("creation", TfValue.Null(TfType.String));
        var (planned, replace) = ProviderTesting.Plan(ZfsDatasetSchema.Schema, priorValue, configValue);
        var response = new ModifyPlanResponse { Planned = planned };
        foreach (var path in replace)
        {
            response.RequiresReplace.Add(path);
        }
        await new ZfsDatasetResource().ModifyPlanAsync(new ModifyPlanRequest(priorValue, configValue, null, registry), response, CancellationToken.None);
        return response;
    }

    private ZfsDatasetModel Vol(string volsize, bool sparse = false, bool force = false) => new()
    {
        Name = $"{_pool.Name}/vol",
        Remote = "local",
        Type = "volume",
        Volsize = volsize,
        Sparse = sparse,
        ForceDestroy = force,
        Guid = "1",
        Creation = "2026-01-01T00:00:00Z",
    };

    [Fact]
    public async Task A_volume_shrink_is_refused_on_volsize_unless_force_destroy_was_applied()
    {
        var refused = await PlanAsync(Vol("2G"), Vol("1G"));
        var error = Assert.Single(refused.Diagnostics);
        Assert.Equal("volsize", error.Path!.ToString());
        Assert.Equal("Shrinking a volume would destroy data", error.Summary);
        Assert.Contains("from 2G to 1G", error.Detail, StringComparison.Ordinal);

        // Set in the configuration only: the plan still refuses (it has not been applied yet).
        Assert.Single((await PlanAsync(Vol("2G"), Vol("1G", force: true))).Diagnostics);
        Assert.Empty((await PlanAsync(Vol("2G", force: true), Vol("1G", force: true))).Diagnostics);
        Assert.Empty((await PlanAsync(Vol("1G"), Vol("2G"))).Diagnostics);
        Assert.Empty((await PlanAsync(Vol("1G"), Vol("1073741824"))).Diagnostics);
    }

    [Fact]
    public async Task A_sparse_change_replaces_the_volume_and_is_refused_unless_force_destroy_was_applied()
    {
        var refused = await PlanAsync(Vol("1G"), Vol("1G", sparse: true));
        var error = Assert.Single(refused.Diagnostics);
        Assert.Equal("sparse", error.Path!.ToString());
        Assert.Contains("`sparse` changes (false → true)", error.Detail, StringComparison.Ordinal);
        Assert.Contains($"{_pool.Name}/vol@before", error.Detail, StringComparison.Ordinal);
        Assert.Empty((await PlanAsync(Vol("1G", force: true), Vol("1G", sparse: true, force: true))).Diagnostics);
    }
}
