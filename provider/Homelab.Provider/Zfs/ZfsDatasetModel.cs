using System.Globalization;
using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Zfs;

/// <summary>The resource's values, mapped explicitly to and from <see cref="TfValue"/> (AOT-safe).</summary>
internal sealed record ZfsDatasetModel
{
    public required string Name { get; init; }

    public string? Remote { get; init; }

    public string Type { get; init; } = "filesystem";

    public string? Volsize { get; init; }

    public bool Sparse { get; init; }

    /// <summary>Null when the configuration has no <c>properties</c>.</summary>
    public IReadOnlyDictionary<string, string>? Properties { get; init; }

    public string? Description { get; init; }

    public bool ForceDestroy { get; init; }

    public string? Guid { get; init; }

    public string? Creation { get; init; }

    /// <summary>Reads a wholly known object (state, or a plan during apply; computed values may be unknown).</summary>
    public static ZfsDatasetModel From(TfValue v) => new()
    {
        Name = v.GetString("name").Get(),
        Remote = v.GetString("remote").OrNull(),
        Type = v.GetString("type").ValueOr("filesystem"),
        Volsize = v.GetString("volsize").OrNull(),
        Sparse = v.GetBool("sparse").ValueOr(false),
        Properties = v.GetStringMap("properties").OrNull(),
        Description = v.GetString("description").OrNull(),
        ForceDestroy = v.GetBool("force_destroy").ValueOr(false),
        Guid = v.GetString("guid").OrNull(),
        Creation = v.GetString("creation").OrNull(),
    };

    public TfValue ToValue() => TfValue.Object(ZfsDatasetSchema.Schema.ImpliedType,
    [
        KeyValuePair.Create("name", TfValue.String(Name)),
        KeyValuePair.Create("remote", TfValueAccessors.StringOrNull(Remote)),
        KeyValuePair.Create("type", TfValue.String(Type)),
        KeyValuePair.Create("volsize", TfValueAccessors.StringOrNull(Volsize)),
        KeyValuePair.Create("sparse", TfValue.Bool(Sparse)),
        KeyValuePair.Create("properties", Properties is null ? TfValue.Null(TfType.Map(TfType.String)) : TfValueAccessors.StringMap(Properties)),
        KeyValuePair.Create("description", TfValueAccessors.StringOrNull(Description)),
        KeyValuePair.Create("force_destroy", TfValue.Bool(ForceDestroy)),
        KeyValuePair.Create("guid", TfValueAccessors.StringOrNull(Guid)),
        KeyValuePair.Create("creation", TfValueAccessors.StringOrNull(Creation)),
    ]);

    /// <summary>
    /// The state for <paramref name="host"/> given what was tracked before (<c>this</c>): tracked
    /// keys keep the text the user wrote while the host's parsed value means the same; a key that
    /// is no longer set locally drops out (the next plan sets it again); anything else takes the
    /// host's value, which shows up as drift. With <paramref name="importing"/>, every locally set
    /// property (and every non-default creation-only one) becomes tracked.
    /// </summary>
    public ZfsDatasetModel Sync(DatasetInfo host, bool importing)
    {
        var type = host.Type;
        IReadOnlyDictionary<string, string>? properties;
        if (importing)
        {
            properties = ImportedProperties(host, type);
        }
        else if (Properties is null)
        {
            properties = null;
        }
        else
        {
            var kept = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, wanted) in Properties)
            {
                if (TrackedValue(host, key, wanted) is { } value)
                {
                    kept[key] = value;
                }
            }
            properties = kept;
        }
        var volsize = host.Get("volsize") is { } vs && type == "volume"
            ? (Volsize is not null && ZfsProperties.Equivalent("volsize", Volsize, vs.Value) ? Volsize : vs.Value)
            : null;
        var description = host.Get(ZfsProperties.DescriptionKey) is { IsLocal: true } d ? d.Value : null;
        return this with
        {
            Name = host.Name,
            Type = type,
            Volsize = volsize,
            Sparse = importing ? type == "volume" && host.Get("refreservation") is { Value: "0" } : Sparse,
            Properties = properties,
            Description = description,
            Guid = host.Get("guid")?.Value,
            Creation = host.Get("creation") is { } c && long.TryParse(c.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch)
                ? DateTimeOffset.FromUnixTimeSeconds(epoch).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
                : null,
        };
    }

    /// <summary>The value to keep in state for a tracked key, or null when the host no longer has it set.</summary>
    public static string? TrackedValue(DatasetInfo host, string key, string wanted)
    {
        if (host.Get(key) is not { } actual || actual.IsUnsetUserProperty)
        {
            return null;
        }
        // Creation-only properties print source "-" on zfs-fuse and OpenZFS alike.
        if (!actual.IsLocal && !ZfsProperties.CreationOnly.Contains(key))
        {
            return null;
        }
        return ZfsProperties.Equivalent(key, wanted, actual.Value) ? wanted : actual.Value;
    }

    private static SortedDictionary<string, string>? ImportedProperties(DatasetInfo host, string type)
    {
        var imported = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in host.Properties)
        {
            if (value.IsLocal && ZfsProperties.CheckKey(key) is null && !(type == "volume" && key == "refreservation"))
            {
                imported[key] = value.Value;
            }
            else if (ZfsProperties.CreationOnlyDefaults.TryGetValue(key, out var def) && value.Value != def && value.Value != "-")
            {
                imported[key] = value.Value;
            }
        }
        return imported.Count == 0 ? null : imported;
    }
}
