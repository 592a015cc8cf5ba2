using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Framework.Schema;

/// <summary>An attribute whose value is an object (or collection of objects) with typed attributes.</summary>
public sealed record NestedAttributes(NestingMode Nesting, IReadOnlyList<SchemaAttribute> Attributes)
{
    /// <summary>The object type of one element: one attribute per entry of <see cref="Attributes"/>.</summary>
    public TfType ObjectType { get; } = TfType.Object(Attributes.Select(a => KeyValuePair.Create(a.Name, a.Type)));

    /// <summary>
    /// The type of the attribute's value: <see cref="ObjectType"/> for <see cref="NestingMode.Single"/>
    /// (and <see cref="NestingMode.Group"/>), otherwise a list, set or map of it.
    /// </summary>
    /// <exception cref="InvalidOperationException"><see cref="Nesting"/> is not a defined <see cref="NestingMode"/>.</exception>
    public TfType ImpliedType => Nesting switch
    {
        NestingMode.Single or NestingMode.Group => ObjectType,
        NestingMode.List => TfType.List(ObjectType),
        NestingMode.Set => TfType.Set(ObjectType),
        NestingMode.Map => TfType.Map(ObjectType),
        _ => throw new InvalidOperationException($"Unknown nesting {Nesting}."),
    };
}
