using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Framework.Schema;

/// <summary>A configuration block: attributes plus nested blocks.</summary>
public sealed record Block
{
    private TfType? _impliedType;

    /// <summary>The block's attributes (<c>name = value</c> in configuration), including nested attributes.</summary>
    public IReadOnlyList<SchemaAttribute> Attributes { get; init; } = [];

    /// <summary>The block types that may appear inside this block (<c>name { … }</c> in configuration).</summary>
    public IReadOnlyList<NestedBlock> Blocks { get; init; } = [];

    /// <summary>Markdown; editors show it on hover and the docs generator renders it. For the top-level block it describes the resource, data source or provider.</summary>
    public string Description { get; init; } = "";

    /// <summary>Marks the whole block deprecated; the flag is passed to the client, which decides how to warn.</summary>
    public bool Deprecated { get; init; }

    /// <summary>The object type of this block's values on the wire.</summary>
    public TfType ImpliedType => _impliedType ??= TfType.Object(
        Attributes.Select(a => KeyValuePair.Create(a.Name, a.Type))
            .Concat(Blocks.Select(b => KeyValuePair.Create(b.TypeName, b.ImpliedType))));

    /// <summary>The attribute named <paramref name="name"/> (ordinal comparison), or null; nested blocks are not searched.</summary>
    /// <param name="name">The attribute name.</param>
    /// <returns>The attribute, or null when this block has none of that name.</returns>
    public SchemaAttribute? FindAttribute(string name)
    {
        foreach (var a in Attributes)
        {
            if (a.Name == name)
            {
                return a;
            }
        }
        return null;
    }

    /// <summary>The nested block type named <paramref name="name"/> (ordinal comparison), or null.</summary>
    /// <param name="name">The block type name.</param>
    /// <returns>The nested block, or null when this block has none of that name.</returns>
    public NestedBlock? FindBlock(string name)
    {
        foreach (var b in Blocks)
        {
            if (b.TypeName == name)
            {
                return b;
            }
        }
        return null;
    }
}
