using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Framework.Schema;

/// <summary>A configuration block: attributes plus nested blocks.</summary>
public sealed record Block
{
    private TfType? _impliedType;

    public IReadOnlyList<Attribute> Attributes { get; init; } = [];

    public IReadOnlyList<NestedBlock> Blocks { get; init; } = [];

    public string Description { get; init; } = "";

    public bool Deprecated { get; init; }

    /// <summary>The object type of this block's values on the wire.</summary>
    public TfType ImpliedType => _impliedType ??= TfType.Object(
        Attributes.Select(a => KeyValuePair.Create(a.Name, a.Type))
            .Concat(Blocks.Select(b => KeyValuePair.Create(b.TypeName, b.ImpliedType))));

    public Attribute? FindAttribute(string name)
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
