using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Framework.Schema;

/// <summary>A nested block type such as <c>remote { … }</c>.</summary>
public sealed record NestedBlock(string TypeName, Block Block, NestingMode Nesting)
{
    public int MinItems { get; init; }

    public int MaxItems { get; init; }

    public TfType ImpliedType => Nesting switch
    {
        NestingMode.Single or NestingMode.Group => Block.ImpliedType,
        NestingMode.List => TfType.List(Block.ImpliedType),
        NestingMode.Set => TfType.Set(Block.ImpliedType),
        NestingMode.Map => TfType.Map(Block.ImpliedType),
        _ => throw new InvalidOperationException($"Unknown nesting {Nesting}."),
    };
}
