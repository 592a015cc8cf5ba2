namespace Homelab.Provider.Zfs;

/// <summary>One property of a dataset as <c>zfs get -Hp</c> prints it.</summary>
internal readonly record struct PropertyValue(string Value, string Source)
{
    /// <summary>Set on this dataset (not inherited, not a default).</summary>
    public bool IsLocal => Source is "local" or "received";

    /// <summary>A user property that is not set anywhere prints as value and source <c>-</c>.</summary>
    public bool IsUnsetUserProperty => Value == "-" && Source == "-";
}

/// <summary>A dataset as read from the host: its name and every property <c>zfs get all</c> printed.</summary>
internal sealed record DatasetInfo(string Name, IReadOnlyDictionary<string, PropertyValue> Properties)
{
    public string Type => Get("type")?.Value ?? "filesystem";

    public PropertyValue? Get(string key) => Properties.TryGetValue(key, out var v) ? v : null;

    /// <summary>Where <c>homelab:owner=incus</c> comes from (this dataset or an ancestor), or null.</summary>
    public string? IncusOwner()
    {
        if (Get(ZfsProperties.OwnerKey) is not { Value: "incus" } owner)
        {
            return null;
        }
        const string Inherited = "inherited from ";
        return owner.Source.StartsWith(Inherited, StringComparison.Ordinal) ? owner.Source[Inherited.Length..] : Name;
    }
}
