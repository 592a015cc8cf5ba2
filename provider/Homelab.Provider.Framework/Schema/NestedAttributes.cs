using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Framework.Schema;

/// <summary>An attribute whose value is an object (or collection of objects) with typed attributes.</summary>
public sealed record NestedAttributes(NestingMode Nesting, IReadOnlyList<Attribute> Attributes)
{
    public TfType ObjectType { get; } = TfType.Object(Attributes.Select(a => KeyValuePair.Create(a.Name, a.Type)));

    public TfType ImpliedType => Nesting switch
    {
        NestingMode.Single or NestingMode.Group => ObjectType,
        NestingMode.List => TfType.List(ObjectType),
        NestingMode.Set => TfType.Set(ObjectType),
        NestingMode.Map => TfType.Map(ObjectType),
        _ => throw new InvalidOperationException($"Unknown nesting {Nesting}."),
    };
}
