using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Resources;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Host;
using Homelab.Provider.Tests.TestKit;
using Homelab.Provider.Zfs;

namespace Homelab.Provider.Tests.Zfs;

/// <summary>
/// homelab_zfs_delegation against this machine's real zfs, which is zfs-fuse: its `zfs allow`
/// fails ("internal error: /usr/lib/zfs/pyzfs.py not found") and it does no per-user permission
/// checks, so the real OpenZFS `zfs allow` is NOT exercised here. What this proves: the failure
/// reaches the user as the kit's host error (a <see cref="HostException"/> on `permissions`,
/// which the framework reports on the resource), never as "Unexpected provider error".
/// </summary>
[Trait(Tier.Name, Tier.Host)]
public sealed class DelegationHostTests : IDisposable
{
    private readonly ZfsPool _pool = new();

    public void Dispose() => _pool.Dispose();

    [Fact]
    public async Task Zfs_fuse_without_zfs_allow_is_a_host_error_on_permissions_at_plan_and_on_read()
    {
        var dataset = _pool.Name + "/backup";
        ZfsPool.Zfs("create", dataset);
        var settings = new RemoteSettings { Name = "local" };
        await using var remote = new Remote(new LocalConnection(settings));
        var registry = new HostRegistry([settings], "local", _ => remote);
        var resource = new DelegationResource();
        var config = TfValue.Object(resource.Schema.ImpliedType, resource.Schema.Block.Attributes.Select(a => KeyValuePair.Create(a.Name, a.Name switch
        {
            "dataset" => TfValue.String(dataset),
            "user" => TfValue.String("backup"),
            "permissions" => TfValueAccessors.StringSet(["send", "hold"]),
            _ => TfValue.Null(a.Type),
        })));
        var planned = config.With("local", TfValue.Bool(true)).With("descendants", TfValue.Bool(true)).With("remote", TfValue.String("local"))
            .With("id", TfValue.Unknown(TfType.String));
        var response = new ModifyPlanResponse { Planned = planned };

        var error = await Assert.ThrowsAsync<HostException>(() => resource.ModifyPlanAsync(new ModifyPlanRequest(null, config, null, registry), response, CancellationToken.None));
        Assert.Equal("zfs allow is not available", error.Summary);
        Assert.Equal("permissions", error.Path!.ToString());
        Assert.Contains("pyzfs.py not found", error.Message, StringComparison.Ordinal);
        Assert.Contains("zfs-fuse", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<DiagnosticException>(error);

        // Refresh of an existing state reads `zfs allow <dataset>`, which fails the same way.
        var state = planned.With("id", TfValue.String(dataset + ":user:backup"));
        var read = await Assert.ThrowsAsync<HostException>(() => resource.ReadAsync(new ReadRequest(state, null, registry), new ResourceResponse(), CancellationToken.None));
        Assert.Equal("Cannot read ZFS delegations", read.Summary);
        Assert.Contains("delegation needs OpenZFS", read.Message, StringComparison.Ordinal);
    }
}
