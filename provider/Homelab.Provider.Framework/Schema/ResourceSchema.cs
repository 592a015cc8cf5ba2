using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Framework.Schema;

/// <summary>A versioned schema of a provider, resource or data source.</summary>
public sealed record ResourceSchema(long Version, Block Block)
{
    /// <summary>The object type of configuration, plan and state values for this schema: <see cref="Block.ImpliedType"/>.</summary>
    public TfType ImpliedType => Block.ImpliedType;
}
