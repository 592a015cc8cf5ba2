using System.Collections.Immutable;
using System.Text;

namespace Homelab.Provider.Framework.Diagnostics;

/// <summary>
/// A path to an attribute or element inside a value, e.g. <c>properties["compression"]</c>.
/// Diagnostics carry one so the client can point at the right line of configuration.
/// </summary>
public sealed class AttrPath : IEquatable<AttrPath>
{
    /// <summary>The empty path: the resource (or provider, data source) object as a whole. Extend it with <see cref="Attr"/>, <see cref="Key"/> and <see cref="Index"/>.</summary>
    public static readonly AttrPath Root = new([]);

    private AttrPath(ImmutableArray<PathStep> steps) => Steps = steps;

    /// <summary>The steps from the root, outermost first; empty for <see cref="Root"/>.</summary>
    public ImmutableArray<PathStep> Steps { get; }

    /// <summary>A path to the top-level attribute or block <paramref name="name"/>; same as <c>Root.Attr(name)</c>.</summary>
    /// <param name="name">The attribute or nested block type name as declared in the schema.</param>
    /// <returns>A one-step path, e.g. <c>size</c>.</returns>
    public static AttrPath Attribute(string name) => Root.Attr(name);

    /// <summary>
    /// This path extended into attribute <paramref name="name"/> of the object it addresses: an
    /// attribute of a nested attribute or nested block (e.g. <c>AttrPath.Attribute("remote").Attr("host")</c>
    /// is <c>remote.host</c>). Paths are immutable; this returns a new one.
    /// </summary>
    /// <param name="name">The attribute or nested block type name.</param>
    /// <returns>The extended path.</returns>
    public AttrPath Attr(string name) => new(Steps.Add(PathStep.Attribute(name)));

    /// <summary>This path extended to the element with key <paramref name="key"/> of the map it addresses, e.g. <c>tags["env"]</c>.</summary>
    /// <param name="key">The map key.</param>
    /// <returns>The extended path.</returns>
    public AttrPath Key(string key) => new(Steps.Add(PathStep.StringKey(key)));

    /// <summary>This path extended to element <paramref name="index"/> (0-based) of the list or tuple it addresses, e.g. <c>rules[0]</c>.</summary>
    /// <param name="index">The 0-based element index.</param>
    /// <returns>The extended path.</returns>
    public AttrPath Index(long index) => new(Steps.Add(PathStep.IntKey(index)));

    /// <summary>True when <paramref name="other"/> has the same steps in the same order.</summary>
    /// <param name="other">The path to compare with.</param>
    /// <returns>Whether both paths address the same place.</returns>
    public bool Equals(AttrPath? other) => other is not null && Steps.SequenceEqual(other.Steps);

    /// <summary>True when <paramref name="obj"/> is an <see cref="AttrPath"/> with the same steps.</summary>
    /// <param name="obj">The object to compare with.</param>
    /// <returns>Whether both paths address the same place.</returns>
    public override bool Equals(object? obj) => obj is AttrPath p && Equals(p);

    /// <summary>A hash over all steps, consistent with <see cref="Equals(AttrPath)"/>, so paths work as set and dictionary keys.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => Steps.Aggregate(17, (h, s) => HashCode.Combine(h, s));

    /// <summary>HCL-like rendering: <c>a.b["k"][0]</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var step in Steps)
        {
            switch (step.Kind)
            {
                case PathStepKind.Attribute:
                    if (sb.Length > 0)
                    {
                        sb.Append('.');
                    }
                    sb.Append(step.Name);
                    break;
                case PathStepKind.StringKey:
                    sb.Append("[\"").Append(step.Name).Append("\"]");
                    break;
                default:
                    sb.Append('[').Append(step.Index).Append(']');
                    break;
            }
        }
        return sb.ToString();
    }
}
