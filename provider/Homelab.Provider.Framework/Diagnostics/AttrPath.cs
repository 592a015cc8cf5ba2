using System.Collections.Immutable;
using System.Text;

namespace Homelab.Provider.Framework.Diagnostics;

/// <summary>
/// A path to an attribute or element inside a value, e.g. <c>properties["compression"]</c>.
/// Diagnostics carry one so the client can point at the right line of configuration.
/// </summary>
public sealed class AttrPath : IEquatable<AttrPath>
{
    public static readonly AttrPath Root = new([]);

    private AttrPath(ImmutableArray<PathStep> steps) => Steps = steps;

    public ImmutableArray<PathStep> Steps { get; }

    public static AttrPath Attribute(string name) => Root.Attr(name);

    public AttrPath Attr(string name) => new(Steps.Add(PathStep.Attribute(name)));

    public AttrPath Key(string key) => new(Steps.Add(PathStep.StringKey(key)));

    public AttrPath Index(long index) => new(Steps.Add(PathStep.IntKey(index)));

    public bool Equals(AttrPath? other) => other is not null && Steps.SequenceEqual(other.Steps);

    public override bool Equals(object? obj) => obj is AttrPath p && Equals(p);

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
