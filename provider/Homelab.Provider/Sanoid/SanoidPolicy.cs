namespace Homelab.Provider.Sanoid;

/// <summary>
/// One policy as it appears in sanoid.conf: a template section with <see cref="TemplateKeys"/>
/// and one module section per dataset with <c>use_template</c> plus the module-only keys.
/// Values are sanoid's text (toggles as <c>yes</c>/<c>no</c>). Keys are sorted, so rendering is
/// deterministic.
/// </summary>
internal sealed record SanoidPolicy
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    /// <summary>Sorted, distinct dataset names.</summary>
    public required IReadOnlyList<string> Datasets { get; init; }

    /// <summary><c>no</c>, <c>yes</c> or <c>zfs</c>; null = not written (sanoid: no recursion).</summary>
    public string? Recursive { get; init; }

    /// <summary>Null = not written.</summary>
    public bool? SkipChildren { get; init; }

    public required IReadOnlyDictionary<string, string> TemplateKeys { get; init; }

    /// <summary>The template's section name.</summary>
    public string TemplateSection => "template_" + TemplateName;

    /// <summary>What module sections write as <c>use_template</c>.</summary>
    public string TemplateName => "homelab_" + Name;

    public bool Equivalent(SanoidPolicy other) =>
        Name == other.Name && Description == other.Description && Recursive == other.Recursive && SkipChildren == other.SkipChildren
        && Datasets.SequenceEqual(other.Datasets, StringComparer.Ordinal)
        && TemplateKeys.Count == other.TemplateKeys.Count
        && TemplateKeys.All(kv => other.TemplateKeys.TryGetValue(kv.Key, out var v) && v == kv.Value);
}
