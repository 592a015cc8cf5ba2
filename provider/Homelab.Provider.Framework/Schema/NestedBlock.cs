using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Framework.Schema;

/// <summary>A nested block type such as <c>remote { … }</c>.</summary>
public sealed record NestedBlock(string TypeName, Block Block, NestingMode Nesting)
{
    /// <summary>The fewest blocks the configuration must contain (list and set nesting); 0 for no minimum. Checked by the client.</summary>
    public int MinItems { get; init; }

    /// <summary>The most blocks the configuration may contain (list and set nesting); 0 for no maximum. Checked by the client.</summary>
    public int MaxItems { get; init; }

    /// <summary>
    /// The type of this block's value in the enclosing object: the block's object type for
    /// <see cref="NestingMode.Single"/> and <see cref="NestingMode.Group"/>, otherwise a list, set or
    /// map of it.
    /// </summary>
    /// <exception cref="InvalidOperationException"><see cref="Nesting"/> is not a defined <see cref="NestingMode"/>.</exception>
    public TfType ImpliedType => Nesting switch
    {
        NestingMode.Single or NestingMode.Group => Block.ImpliedType,
        NestingMode.List => TfType.List(Block.ImpliedType),
        NestingMode.Set => TfType.Set(Block.ImpliedType),
        NestingMode.Map => TfType.Map(Block.ImpliedType),
        _ => throw new InvalidOperationException($"Unknown nesting {Nesting}."),
    };
}
