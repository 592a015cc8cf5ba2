using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Schema;
using Homelab.Provider.Framework.Values;
using Homelab.Provider.Host;
using Homelab.Provider.Kit;

namespace Homelab.Provider.Zfs;

/// <summary><c>homelab_zpool</c>: health, capacity, vdevs and the last scrub of one pool.</summary>
internal sealed class ZpoolDataSource() : HostDataSource("homelab_zpool", ZpoolSchema.Schema)
{
    protected override async Task<TfValue?> ReadAsync(Remote remote, TfValue config, DiagnosticBag diagnostics, CancellationToken cancellationToken)
    {
        var pool = config.GetString("name").Get();
        if (await ZpoolReader.For(remote).ReadAsync(pool, cancellationToken).ConfigureAwait(false) is not { } reading)
        {
            diagnostics.AddError("Pool not found", $"There is no pool {pool} on remote \"{remote.Name}\". Check the name (`zpool list` on the host) or import the pool first.", AttrPath.Attribute("name"));
            return null;
        }
        return State(config, reading);
    }

    /// <summary>The state for <paramref name="reading"/>.</summary>
    internal static TfValue State(TfValue config, PoolReading reading)
    {
        var schema = ZpoolSchema.Schema.Block;
        var vdevType = schema.Attributes.Single(a => a.Name == "vdevs").Nested!.ObjectType;
        var scrubType = schema.Attributes.Single(a => a.Name == "scrub").Nested!.ObjectType;
        var (usage, status) = (reading.Usage, reading.Status);
        var vdevs = status.Vdevs.Select(v => TfValue.Object(vdevType,
        [
            KeyValuePair.Create("name", TfValue.String(v.Name)),
            KeyValuePair.Create("parent", String(v.Parent)),
            KeyValuePair.Create("class", TfValue.String(v.Class)),
            KeyValuePair.Create("type", TfValue.String(v.Type)),
            KeyValuePair.Create("state", TfValue.String(v.State)),
            KeyValuePair.Create("read_errors", Number(v.ReadErrors)),
            KeyValuePair.Create("write_errors", Number(v.WriteErrors)),
            KeyValuePair.Create("checksum_errors", Number(v.ChecksumErrors)),
            KeyValuePair.Create("note", String(v.Note)),
        ]));
        var s = status.Scrub;
        var scrub = TfValue.Object(scrubType,
        [
            KeyValuePair.Create("state", TfValue.String(s.State)),
            KeyValuePair.Create("start_time", Time(s.StartTime)),
            KeyValuePair.Create("end_time", Time(s.EndTime)),
            KeyValuePair.Create("repaired", Number(s.Repaired)),
            KeyValuePair.Create("errors", Number(s.Errors)),
        ]);
        return config
            .With("health", TfValue.String(usage.Health))
            .With("size", Number(usage.Size))
            .With("allocated", Number(usage.Allocated))
            .With("free", Number(usage.Free))
            .With("capacity", Number(usage.Capacity))
            .With("fragmentation", Number(usage.Fragmentation))
            .With("vdevs", TfValue.List(vdevType, vdevs))
            .With("errors", String(status.Errors))
            .With("scrub", scrub);
    }

    private static TfValue String(string? s) => s is null ? TfValue.Null(TfType.String) : TfValue.String(s);

    private static TfValue Number(long? n) => n is { } v ? TfValue.Number(v) : TfValue.Null(TfType.Number);

    private static TfValue Number(decimal? n) => n is { } v ? TfValue.Number(TfNumber.Parse(v.ToString(System.Globalization.CultureInfo.InvariantCulture))) : TfValue.Null(TfType.Number);

    private static TfValue Time(DateTimeOffset? t) => t is { } v ? TfValue.String(SnapshotListing.Rfc3339(v.ToUnixTimeSeconds())) : TfValue.Null(TfType.String);
}
