using System.Globalization;
using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Host;
using Homelab.Provider.Kit;

namespace Homelab.Provider.Zfs;

/// <summary>
/// <c>homelab_zfs_dataset</c> (data source): read-back of an existing dataset through the
/// remote's <see cref="ZfsReader"/> (one fresh <c>zfs get -Hp all</c>, parsed by <see cref="ZfsGetOutput"/>).
/// Same type name as the resource: Terraform keeps resources and data sources apart.
/// </summary>
internal sealed class ZfsDatasetDataSource() : HostDataSource("homelab_zfs_dataset", ZfsDatasetDataSourceSchema.Schema)
{
    protected override async Task<TfValue?> ReadAsync(Remote remote, TfValue config, DiagnosticBag diagnostics, CancellationToken cancellationToken)
    {
        var name = config.GetString("name").Get();
        if (await ZfsReader.For(remote).ReadFreshAsync(name, cancellationToken).ConfigureAwait(false) is not { } dataset)
        {
            DatasetNotFound(diagnostics, name, remote, "name");
            return null;
        }
        return State(config, dataset);
    }

    /// <summary>The state for <paramref name="dataset"/>.</summary>
    internal static TfValue State(TfValue config, DatasetInfo dataset)
    {
        var propertyType = ZfsDatasetDataSourceSchema.Schema.Block.Attributes.Single(a => a.Name == "properties").Nested!.ObjectType;
        var isVolume = dataset.Type == "volume";
        var properties = dataset.Properties.Select(kv => KeyValuePair.Create(kv.Key, TfValue.Object(propertyType,
        [
            KeyValuePair.Create("value", TfValue.String(kv.Value.Value)),
            KeyValuePair.Create("source", TfValue.String(kv.Value.Source)),
        ])));
        var mountpoint = isVolume ? null : Value(dataset, "mountpoint");
        var mounted = isVolume ? null : Value(dataset, "mounted");
        var creation = Integer(dataset, "creation");
        return config
            .With("type", TfValue.String(dataset.Type))
            .With("mountpoint", mountpoint is null ? TfValue.Null(TfType.String) : TfValue.String(mountpoint))
            .With("mounted", mounted is "yes" or "no" ? TfValue.Bool(mounted == "yes") : TfValue.Null(TfType.Bool))
            .With("used", Number(Integer(dataset, "used")))
            .With("available", Number(Integer(dataset, "available")))
            .With("referenced", Number(Integer(dataset, "referenced")))
            .With("guid", Value(dataset, "guid") is { } guid ? TfValue.String(guid) : TfValue.Null(TfType.String))
            .With("creation", creation is { } c ? TfValue.String(SnapshotListing.Rfc3339(c)) : TfValue.Null(TfType.String))
            .With("properties", TfValue.Map(propertyType, properties));
    }

    /// <summary>The property's value; null when absent or <c>-</c> (does not apply).</summary>
    private static string? Value(DatasetInfo dataset, string key) =>
        dataset.Get(key) is { Value: var v } && v != "-" ? v : null;

    private static long? Integer(DatasetInfo dataset, string key) =>
        long.TryParse(Value(dataset, key), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static TfValue Number(long? n) => n is { } v ? TfValue.Number(v) : TfValue.Null(TfType.Number);
}
